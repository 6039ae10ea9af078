import 'server-only';
import { and, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { customers, orders, type Tenant } from '@/db/schema';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { ORDER_STATUSES, type OrderStatus } from '@/lib/orders/order-status';
import { DASHBOARD_ORDERS_PAGE_SIZE, type OrderFilters } from './order-filters';
import { containsPattern } from '@/db/like';

export interface ShopOrderRow {
  id: string;
  number: number;
  placedAt: Date;
  status: OrderStatus;
  paymentMethod: 'card' | 'invoice';
  grossCents: number;
  currency: string;
  customerReference: string | null;
  customerId: string;
  customerName: string;
  customerEmail: string;
  companyName: string | null;
}

export interface ShopOrderList {
  rows: ShopOrderRow[];
  /** Orders per status for every other filter, so each status tab says what it would show. */
  statusCounts: Record<OrderStatus, number>;
  /** Of all orders matching the filters (every page). */
  total: { orders: number; grossCents: number; currency: string | null };
  page: number;
  pageCount: number;
}

/** `%` and `_` typed by the owner are searched for literally. */

function searchCondition(q: string): SQL | undefined {
  const pattern = containsPattern(q);
  const number = /^#?(\d{1,9})$/.exec(q)?.[1];
  return or(
    number ? eq(orders.number, Number(number)) : undefined,
    ilike(customers.name, pattern),
    ilike(customers.email, pattern),
    ilike(customers.companyName, pattern),
    ilike(orders.customerReference, pattern),
  );
}

/** Every filter but the status: the status tabs count within these. */
function baseConditions(filters: OrderFilters, timeZone: string): SQL | undefined {
  return and(
    filters.method ? eq(orders.paymentMethod, filters.method) : undefined,
    filters.q ? searchCondition(filters.q) : undefined,
    // Days as the shop's owner lives them, not UTC days.
    filters.from ? sql`${orders.placedAt} >= (${filters.from}::date::timestamp at time zone ${timeZone})` : undefined,
    filters.to ? sql`${orders.placedAt} < ((${filters.to}::date + 1)::timestamp at time zone ${timeZone})` : undefined,
  );
}

/** The shop's orders, newest first, filtered and paged, with counts per status and totals. */
export function listShopOrders(tenant: Pick<Tenant, 'id' | 'timeZone'>, filters: OrderFilters): Promise<ShopOrderList> {
  return withTenant(tenant.id, async (tx) => {
    const base = baseConditions(filters, tenant.timeZone);
    const where = and(base, filters.status ? eq(orders.status, filters.status) : undefined);
    const grouped = await tx
      .select({ status: orders.status, currency: orders.currency, n: count(), grossCents: sql<number>`coalesce(sum(${orders.grossCents}), 0)`.mapWith(Number) })
      .from(orders)
      .innerJoin(customers, eq(customers.id, orders.customerId))
      .where(base)
      .groupBy(orders.status, orders.currency);
    const statusCounts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
    const total = { orders: 0, grossCents: 0, currency: null as string | null };
    for (const g of grouped) {
      statusCounts[g.status] += g.n;
      if (filters.status && g.status !== filters.status) continue;
      total.orders += g.n;
      total.grossCents += g.grossCents;
      total.currency = g.currency;
    }
    const pageCount = Math.max(1, Math.ceil(total.orders / DASHBOARD_ORDERS_PAGE_SIZE));
    const page = Math.min(filters.page, pageCount);
    const rows = await tx
      .select({
        id: orders.id,
        number: orders.number,
        placedAt: orders.placedAt,
        status: orders.status,
        paymentMethod: orders.paymentMethod,
        grossCents: orders.grossCents,
        currency: orders.currency,
        customerReference: orders.customerReference,
        customerId: customers.id,
        customerName: customers.name,
        customerEmail: customers.email,
        companyName: customers.companyName,
      })
      .from(orders)
      .innerJoin(customers, eq(customers.id, orders.customerId))
      .where(where)
      .orderBy(desc(orders.placedAt), desc(orders.number))
      .limit(DASHBOARD_ORDERS_PAGE_SIZE)
      .offset((page - 1) * DASHBOARD_ORDERS_PAGE_SIZE);
    return { rows, statusCounts, total, page, pageCount };
  });
}
