import 'server-only';
import { and, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { platformCustomers, platformOrders, platformReadModelState, tenants } from '@/db/schema';
import type { AdminActor } from '@/lib/auth/authorize-admin';
import type { Executor } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { containsPattern } from '@/db/like';
import { DEFAULT_CONNECTION, platformDb } from '@/db/connection-registry';

/**
 * How current a cross-tenant list is. The lists read the platform read model (docs/platform-read-model.md),
 * which the projector keeps current from each database's outbox; `upTo` is the moment up to which every
 * listed database's changes are in it (the oldest of them), null while one of them was never projected.
 */
export interface ReadModelFreshness {
  upTo: Date | null;
}

/** One query: the oldest "caught up" moment of the databases the listed tenants live in. */
async function freshness(db: Executor, tenantId: string | undefined): Promise<ReadModelFreshness> {
  const only = tenantId ? sql`where t.id = ${tenantId}` : sql``;
  const [row] = rowsOf<{ up_to: string | Date | null; missing: boolean | null }>(
    await db.execute(sql`
      select min(s.caught_up_at) as up_to, bool_or(s.connection_name is null) as missing
      from (select distinct coalesce(t.dedicated_database, ${DEFAULT_CONNECTION}) as plane from ${tenants} t ${only}) p
      left join ${platformReadModelState} s on s.connection_name = p.plane`),
  );
  if (!row || row.missing || row.up_to === null) return { upTo: null };
  return { upTo: new Date(row.up_to) };
}

export interface CrossTenantOrder {
  tenantId: string;
  tenantName: string;
  /** The shop's time zone, which its order times are shown in. */
  tenantTimeZone: string;
  number: number;
  status: string;
  customerName: string;
  grossCents: number;
  currency: string;
  placedAt: Date;
}

/**
 * Orders of every tenant (or one), newest first: the platform operator's view. Read from the platform
 * read model in the default database, two queries whatever the number of tenants (before, a view opened
 * one transaction per tenant). Each row's shop is the tenant the row was announced by, in the database
 * that tenant lives in (lib/platform-read-model/projector.ts); the name and time zone are joined from
 * `tenants` now. The `admin` argument is the proof of who asked; callers obtain it from
 * `requireAdminPage()`/`requireAdmin()` and nowhere else.
 */
export async function listOrdersAcrossTenants(
  _admin: AdminActor,
  options: { tenantId?: string; limit?: number } = {},
): Promise<{ orders: CrossTenantOrder[]; freshness: ReadModelFreshness }> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const db = await platformDb();
  const [rows, fresh] = await Promise.all([
    db
      .select({
        tenantId: platformOrders.tenantId,
        tenantName: tenants.name,
        tenantTimeZone: tenants.timeZone,
        number: platformOrders.number,
        status: platformOrders.status,
        customerName: sql<string>`coalesce(${platformCustomers.name}, '')`,
        grossCents: platformOrders.grossCents,
        currency: platformOrders.currency,
        placedAt: platformOrders.placedAt,
      })
      .from(platformOrders)
      .innerJoin(tenants, eq(tenants.id, platformOrders.tenantId))
      .leftJoin(platformCustomers, and(eq(platformCustomers.tenantId, platformOrders.tenantId), eq(platformCustomers.customerId, platformOrders.customerId)))
      .where(options.tenantId ? eq(platformOrders.tenantId, options.tenantId) : undefined)
      .orderBy(desc(platformOrders.placedAt), desc(platformOrders.number))
      .limit(limit),
    freshness(db, options.tenantId),
  ]);
  return { orders: rows, freshness: fresh };
}

export interface CrossTenantCustomer {
  tenantId: string;
  tenantName: string;
  id: string;
  name: string;
  email: string;
  companyName: string | null;
  status: string;
  createdAt: Date;
}

/**
 * Customers of every tenant (or one), newest first, optionally those whose name, company or email holds
 * `search`: the operator's view for support ("which shop is this buyer with?"). Like the orders view it
 * reads the platform read model: a constant number of queries.
 */
export async function listCustomersAcrossTenants(
  _admin: AdminActor,
  options: { tenantId?: string; search?: string; limit?: number } = {},
): Promise<{ customers: CrossTenantCustomer[]; freshness: ReadModelFreshness }> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const search =
    options.search
      ?.replace(/\u0000/g, '')
      .trim()
      .slice(0, 100) ?? '';
  const pattern = containsPattern(search);
  const c = platformCustomers;
  const db = await platformDb();
  const [rows, fresh] = await Promise.all([
    db
      .select({
        tenantId: c.tenantId,
        tenantName: tenants.name,
        id: c.customerId,
        name: c.name,
        email: c.email,
        companyName: c.companyName,
        status: c.status,
        createdAt: c.createdAt,
      })
      .from(c)
      .innerJoin(tenants, eq(tenants.id, c.tenantId))
      .where(
        and(
          options.tenantId ? eq(c.tenantId, options.tenantId) : undefined,
          search ? or(ilike(c.name, pattern), ilike(c.email, pattern), ilike(c.companyName, pattern)) : undefined,
        ),
      )
      .orderBy(desc(c.createdAt), desc(c.customerId))
      .limit(limit),
    freshness(db, options.tenantId),
  ]);
  return { customers: rows, freshness: fresh };
}
