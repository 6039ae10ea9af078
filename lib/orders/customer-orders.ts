import 'server-only';
import { and, asc, count, desc, eq, isNull } from 'drizzle-orm';
import { orderEvents, orderLines, orders, outbox, refunds, shipments } from '@/db/schema';
import { isSerialId } from '@/lib/ids';
import { withTenant } from '@/lib/tenancy/with-tenant';

const ORDERS_PAGE_SIZE = 20;

/** A customer's orders at one shop, newest first. */
export function listCustomerOrders(tenantId: string, customerId: string, page = 1) {
  return withTenant(tenantId, async (tx) => {
    const [rows, [total]] = await Promise.all([
      tx
        .select()
        .from(orders)
        .where(eq(orders.customerId, customerId))
        .orderBy(desc(orders.placedAt))
        .limit(ORDERS_PAGE_SIZE)
        .offset((page - 1) * ORDERS_PAGE_SIZE),
      tx.select({ n: count() }).from(orders).where(eq(orders.customerId, customerId)),
    ]);
    return { orders: rows, total: total?.n ?? 0 };
  });
}

/** One order of this customer by its shop order number, with lines and timeline; null if not theirs. */
export function getCustomerOrder(tenantId: string, customerId: string, number: number) {
  // The number comes from a form (payOrderAction); the integer column would throw beyond its range.
  if (!isSerialId(number)) return Promise.resolve(null);
  return withTenant(tenantId, async (tx) => {
    const [order] = await tx
      .select()
      .from(orders)
      .where(and(eq(orders.customerId, customerId), eq(orders.number, number)));
    if (!order) return null;
    const [lines, events, [shipment], orderRefunds, [queued]] = await Promise.all([
      tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.name)),
      tx.select().from(orderEvents).where(eq(orderEvents.orderId, order.id)).orderBy(asc(orderEvents.createdAt)),
      tx.select().from(shipments).where(eq(shipments.orderId, order.id)),
      tx.select().from(refunds).where(eq(refunds.orderId, order.id)).orderBy(asc(refunds.createdAt)),
      tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(and(eq(outbox.eventId, `order-placed:${order.id}`), isNull(outbox.publishedAt))),
    ]);
    // Not yet handed to the order workflow (no engine running, or it is catching up).
    const awaitingProcessing = Boolean(queued);
    return { order, lines, events, shipment: shipment ?? null, refunds: orderRefunds, awaitingProcessing };
  });
}
