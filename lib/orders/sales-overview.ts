import 'server-only';
import { and, count, eq, gte, inArray, like, lt, sql } from 'drizzle-orm';
import { customers, orderEvents, orders, refunds, type Tenant } from '@/db/schema';
import { CLOSED_STATUSES, SOLD_STATUSES, type OrderStatus } from '@/lib/orders/order-status';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { isoDayIn } from '@/lib/time/format-date-time';

export interface RevenueDay {
  day: string; // YYYY-MM-DD in the shop's time zone
  orders: number;
  grossCents: number;
}

export interface AttentionOrder {
  number: number;
  status: OrderStatus;
  reason: 'refunded_after_failed_fulfilment' | 'cancelled_by_warehouse' | 'payment_due_soon' | 'stuck_at_warehouse';
  placedAt: Date;
  grossCents: number;
}

export interface DashboardOverview {
  today: { orders: number; grossCents: number };
  month: { orders: number; grossCents: number };
  pendingCustomers: number;
  attention: AttentionOrder[];
  last30Days: RevenueDay[];
}

/** The owner's first screen: sales today and this month, who waits for approval, what needs a look. */
export function loadDashboardOverview(tenant: Tenant, now = new Date()): Promise<DashboardOverview> {
  // Day and month boundaries as the shop's owner lives them, in the shop's own time zone.
  const zone = tenant.timeZone;
  const localDay = sql<string>`to_char(${orders.placedAt} at time zone ${zone}, 'YYYY-MM-DD')`;
  return withTenant(tenant.id, async (tx) => {
    const since = new Date(now.getTime() - 31 * 86_400_000);
    const days = await tx
      .select({ day: localDay, orders: count(), grossCents: sql<number>`coalesce(sum(${orders.grossCents}), 0)`.mapWith(Number) })
      .from(orders)
      .where(and(gte(orders.placedAt, since), inArray(orders.status, SOLD_STATUSES)))
      // By position: with the zone bound as a parameter, GROUP BY cannot match the SELECT's expression.
      .groupBy(sql`1`);
    const [month] = await tx
      .select({ orders: count(), grossCents: sql<number>`coalesce(sum(${orders.grossCents}), 0)`.mapWith(Number) })
      .from(orders)
      .where(
        and(
          inArray(orders.status, SOLD_STATUSES),
          sql`date_trunc('month', ${orders.placedAt} at time zone ${zone}) = date_trunc('month', ${now.toISOString()}::timestamptz at time zone ${zone})`,
        ),
      );
    const [pending] = await tx.select({ n: count() }).from(customers).where(eq(customers.status, 'pending_approval'));
    const attention = await ordersNeedingAttention(tx, tenant, now);
    const byDay = new Map(days.map((d) => [d.day, d]));
    const last30Days = lastDays(now, 30, zone).map((day) => byDay.get(day) ?? { day, orders: 0, grossCents: 0 });
    const today = last30Days.at(-1)!;
    return {
      today: { orders: today.orders, grossCents: today.grossCents },
      month: month ?? { orders: 0, grossCents: 0 },
      pendingCustomers: pending?.n ?? 0,
      attention,
      last30Days,
    };
  });
}

type Tx = Parameters<Parameters<typeof withTenant>[1]>[0];

async function ordersNeedingAttention(tx: Tx, tenant: Tenant, now: Date): Promise<AttentionOrder[]> {
  const week = new Date(now.getTime() - 7 * 86_400_000);
  const dueSoon = new Date(now.getTime() - Math.max(tenant.paymentTimeoutMinutes - 10, 0) * 60_000);
  const stuck = new Date(now.getTime() - 60 * 60_000);
  const rows = await tx
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      paymentMethod: orders.paymentMethod,
      placedAt: orders.placedAt,
      updatedAt: orders.updatedAt,
      grossCents: orders.grossCents,
    })
    .from(orders)
    .where(
      sql`(${inArray(orders.status, CLOSED_STATUSES)} and ${orders.updatedAt} >= ${week.toISOString()})
        or (${eq(orders.status, 'awaiting_payment')} and ${orders.paymentMethod} = 'card' and ${orders.placedAt} <= ${dueSoon.toISOString()})
        or (${eq(orders.status, 'fulfilling')} and ${orders.updatedAt} <= ${stuck.toISOString()})`,
    )
    .orderBy(sql`${orders.updatedAt} desc`)
    .limit(50);
  if (rows.length === 0) return [];
  // What the workflow wrote when the warehouse gave up: a cancellation with that reason (invoice orders),
  // or a refund under the workflow's own idempotency key (card orders). Not the free-text reason a shop
  // gives a refund of its own.
  const ids = rows.map((r) => r.id);
  const [cancelled, refunded] = await Promise.all([
    tx
      .select({ orderId: orderEvents.orderId })
      .from(orderEvents)
      .where(
        and(
          inArray(orderEvents.orderId, ids),
          eq(orderEvents.type, 'cancelled'),
          sql`${orderEvents.details}->>'reason' = 'fulfilment_failed'`,
          gte(orderEvents.createdAt, week),
          lt(orderEvents.createdAt, now),
        ),
      ),
    tx
      .select({ orderId: refunds.orderId })
      .from(refunds)
      .where(and(inArray(refunds.orderId, ids), like(refunds.idempotencyKey, 'refund:fulfilment:%'))),
  ]);
  const failed = new Set([...cancelled, ...refunded].map((f) => f.orderId));
  const result: AttentionOrder[] = [];
  for (const r of rows) {
    const base = { number: r.number, status: r.status, placedAt: r.placedAt, grossCents: r.grossCents };
    if (r.status === 'awaiting_payment') result.push({ ...base, reason: 'payment_due_soon' });
    else if (r.status === 'fulfilling') result.push({ ...base, reason: 'stuck_at_warehouse' });
    else if (failed.has(r.id)) result.push({ ...base, reason: r.status === 'refunded' ? 'refunded_after_failed_fulfilment' : 'cancelled_by_warehouse' });
  }
  return result.slice(0, 20);
}

/** The last `n` calendar days in the shop's time zone, oldest first, ending today (DST-safe). */
export function lastDays(now: Date, n: number, timeZone: string): string[] {
  const today = isoDayIn(now, timeZone);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return Array.from({ length: n }, (_, i) => new Date(Date.UTC(y, m - 1, d - (n - 1 - i))).toISOString().slice(0, 10));
}
