import { asc, desc, eq, ilike, or } from 'drizzle-orm';
import { customers, orders, tenants } from '@/db/schema';
import type { AdminActor } from '@/lib/auth/authorize-admin';
import { log } from '@/lib/log';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { platformDb } from '@/db/connection-registry';

export interface CrossTenantOrder {
  tenantId: string;
  tenantName: string;
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
  const db = await platformDb();
  const where = options.tenantId ? eq(tenants.id, options.tenantId) : undefined;
  const tenantRows = await db.select({ id: tenants.id, name: tenants.name }).from(tenants).where(where).orderBy(asc(tenants.name));
  const perTenant: CrossTenantOrder[][] = [];
  // A tenant whose database cannot be reached is named, not silently left out of the list.
  const unavailable: string[] = [];
  for (const tenant of tenantRows) {
    try {
      perTenant.push(
        await withTenant(tenant.id, async (tx) => {
        const rows = await tx
          .select({ number: orders.number, status: orders.status, grossCents: orders.grossCents, currency: orders.currency, placedAt: orders.placedAt, customerName: customers.name })
          .from(orders)
          .innerJoin(customers, eq(customers.id, orders.customerId))
          .orderBy(desc(orders.placedAt))
          .limit(limit);
        return rows.map((row) => ({ ...row, tenantId: tenant.id, tenantName: tenant.name }));
        }),
      );
    } catch (error) {
      log.error({ err: error, tenantId: tenant.id }, 'cross-tenant order listing: tenant unavailable');
      unavailable.push(tenant.name);
    }
  }
  const merged = perTenant.flat().sort((a, b) => b.placedAt.getTime() - a.placedAt.getTime());
  return { orders: merged.slice(0, limit), unavailable };
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
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const db = await platformDb();
  const where = options.tenantId ? eq(tenants.id, options.tenantId) : undefined;
  const tenantRows = await db.select({ id: tenants.id, name: tenants.name }).from(tenants).where(where).orderBy(asc(tenants.name));
  const perTenant: CrossTenantCustomer[][] = [];
  const unavailable: string[] = [];
  for (const tenant of tenantRows) {
    try {
      perTenant.push(
        await withTenant(tenant.id, async (tx) => {
          const rows = await tx
            .select({ id: customers.id, name: customers.name, email: customers.email, companyName: customers.companyName, status: customers.status, createdAt: customers.createdAt })
            .from(customers)
            .where(search ? or(ilike(customers.name, pattern), ilike(customers.email, pattern), ilike(customers.companyName, pattern)) : undefined)
            .orderBy(desc(customers.createdAt))
            .limit(limit);
          return rows.map((row) => ({ ...row, tenantId: tenant.id, tenantName: tenant.name }));
        }),
      );
    } catch (error) {
      log.error({ err: error, tenantId: tenant.id }, 'cross-tenant customer listing: tenant unavailable');
      unavailable.push(tenant.name);
    }
  }
  const merged = perTenant.flat().sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return { customers: merged.slice(0, limit), unavailable };
}
