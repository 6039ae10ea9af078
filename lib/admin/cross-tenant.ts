import { asc, desc, eq, ilike, or } from 'drizzle-orm';
import { customers, orders, tenants } from '@/db/schema';
import type { AdminActor } from '@/lib/auth/authorize-admin';
import { log } from '@/lib/log';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { platformDb } from '@/db/connection-registry';
import { containsPattern } from '@/db/like';

type Transaction = Parameters<Parameters<typeof withTenant>[1]>[0];

/**
 * Visits each tenant (or the one asked for) through `withTenant`, in whichever database it lives, and
 * merges the newest `limit` rows of all. A tenant whose database cannot be reached is named in
 * `unavailable`, not silently left out.
 */
async function newestAcrossTenants<T extends { tenantId: string }>(
  what: string,
  options: { tenantId?: string; limit: number },
  read: (tx: Transaction, tenant: { id: string; name: string; timeZone: string }) => Promise<T[]>,
  newest: (row: T) => Date,
): Promise<{ rows: T[]; unavailable: string[] }> {
  const db = await platformDb();
  const where = options.tenantId ? eq(tenants.id, options.tenantId) : undefined;
  const tenantRows = await db.select({ id: tenants.id, name: tenants.name, timeZone: tenants.timeZone }).from(tenants).where(where).orderBy(asc(tenants.name));
  const perTenant: T[][] = [];
  const unavailable: string[] = [];
  for (const tenant of tenantRows) {
    try {
      perTenant.push(await withTenant(tenant.id, (tx) => read(tx, tenant)));
    } catch (error) {
      log.error({ err: error, tenantId: tenant.id }, `cross-tenant ${what} listing: tenant unavailable`);
      unavailable.push(tenant.name);
    }
  }
  const merged = perTenant.flat().sort((a, b) => newest(b).getTime() - newest(a).getTime());
  return { rows: merged.slice(0, options.limit), unavailable };
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
 * Orders of every tenant (or one), newest first: the platform operator's view. It never reads around
 * row-level security: it visits each tenant's plane through `withTenant`, in whichever database that
 * tenant lives, and merges. The `admin` argument is the proof of who asked; callers obtain it from
 * `requireAdminPage()`/`requireAdmin()` and nowhere else.
 */
export async function listOrdersAcrossTenants(
  _admin: AdminActor,
  options: { tenantId?: string; limit?: number } = {},
): Promise<{ orders: CrossTenantOrder[]; unavailable: string[] }> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const { rows, unavailable } = await newestAcrossTenants(
    'order',
    { tenantId: options.tenantId, limit },
    async (tx, tenant) => {
      const rows = await tx
        .select({ number: orders.number, status: orders.status, grossCents: orders.grossCents, currency: orders.currency, placedAt: orders.placedAt, customerName: customers.name })
        .from(orders)
        .innerJoin(customers, eq(customers.id, orders.customerId))
        .orderBy(desc(orders.placedAt))
        .limit(limit);
      return rows.map((row) => ({ ...row, tenantId: tenant.id, tenantName: tenant.name, tenantTimeZone: tenant.timeZone }));
    },
    (order) => order.placedAt,
  );
  return { orders: rows, unavailable };
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
 * visits each tenant's plane through `withTenant` and never reads around row-level security.
 */
export async function listCustomersAcrossTenants(
  _admin: AdminActor,
  options: { tenantId?: string; search?: string; limit?: number } = {},
): Promise<{ customers: CrossTenantCustomer[]; unavailable: string[] }> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const search = options.search?.replace(/\u0000/g, '').trim().slice(0, 100) ?? '';
  const pattern = containsPattern(search);
  const { rows, unavailable } = await newestAcrossTenants(
    'customer',
    { tenantId: options.tenantId, limit },
    async (tx, tenant) => {
      const rows = await tx
        .select({ id: customers.id, name: customers.name, email: customers.email, companyName: customers.companyName, status: customers.status, createdAt: customers.createdAt })
        .from(customers)
        .where(search ? or(ilike(customers.name, pattern), ilike(customers.email, pattern), ilike(customers.companyName, pattern)) : undefined)
        .orderBy(desc(customers.createdAt))
        .limit(limit);
      return rows.map((row) => ({ ...row, tenantId: tenant.id, tenantName: tenant.name }));
    },
    (customer) => customer.createdAt,
  );
  return { customers: rows, unavailable };
}
