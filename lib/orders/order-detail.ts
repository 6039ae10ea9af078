import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { customers, orderEvents, orderLines, orders, outbox, payments, refunds, shipments, type Order, type OrderEvent, type Payment } from '@/db/schema';
import { canTransition, ORDER_STATUS } from '@/lib/orders/order-status';
import { withTenant } from '@/lib/tenancy/with-tenant';

/**
 * One order as the shop sees it: who bought, what, how it was paid and given back, how it shipped and
 * everything the workflow did, read inside the shop's own tenant (another shop's number finds nothing).
 */
export function getShopOrder(tenantId: string, number: number) {
  return withTenant(tenantId, async (tx) => {
    const [found] = await tx
      .select({
        order: orders,
        customer: {
          id: customers.id,
          name: customers.name,
          email: customers.email,
          companyName: customers.companyName,
          vatNumber: customers.vatNumber,
          phone: customers.phone,
        },
      })
      .from(orders)
      .innerJoin(customers, eq(customers.id, orders.customerId))
      .where(eq(orders.number, number));
    if (!found) return null;
    const { order } = found;
    const [lines, events, orderPayments, orderRefunds, [shipment], [queued]] = await Promise.all([
      tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.name)),
      tx.select().from(orderEvents).where(eq(orderEvents.orderId, order.id)).orderBy(asc(orderEvents.createdAt)),
      tx.select().from(payments).where(eq(payments.orderId, order.id)).orderBy(asc(payments.createdAt)),
      tx.select().from(refunds).where(eq(refunds.orderId, order.id)).orderBy(asc(refunds.createdAt)),
      tx.select().from(shipments).where(eq(shipments.orderId, order.id)),
      tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(and(eq(outbox.eventId, `order-placed:${order.id}`), isNull(outbox.publishedAt))),
    ]);
    return {
      order,
      customer: found.customer,
      lines,
      events,
      payments: orderPayments,
      refunds: orderRefunds,
      shipment: shipment ?? null,
      awaitingProcessing: Boolean(queued),
      actions: orderActionsFor(order, orderPayments, events),
    };
  });
}

export interface OrderActions {
  cancel: boolean;
  markInvoicePaid: boolean;
  refund: boolean;
  /** Asked for in the dashboard and not yet given back (nor given up on). */
  refundPending: boolean;
}

/** A refund was requested after the last one that failed, and the order is not refunded yet. */
function isRefundPending(order: Pick<Order, 'status'>, events: Pick<OrderEvent, 'type'>[]): boolean {
  if (order.status === 'refunded') return false;
  const lastRequest = events.findLastIndex((e) => e.type === 'refund_requested');
  const lastFailure = events.findLastIndex((e) => e.type === 'refund_failed');
  return lastRequest >= 0 && lastRequest > lastFailure;
}

export const hasInvoicePayment = (orderPayments: Pick<Payment, 'provider' | 'status'>[]) =>
  orderPayments.some((p) => p.provider === 'invoice' && p.status === 'captured');

/**
 * What the shop may do now. The same rules guard the commands themselves (under a row lock); here they
 * only decide which buttons to show.
 */
export function orderActionsFor(
  order: Pick<Order, 'status' | 'paymentMethod' | 'grossCents'>,
  orderPayments: Pick<Payment, 'provider' | 'status' | 'settlesOrder'>[],
  events: Pick<OrderEvent, 'type'>[],
): OrderActions {
  const refundPending = isRefundPending(order, events);
  return {
    cancel: canTransition('cancelByShop', order.status),
    markInvoicePaid: order.paymentMethod === 'invoice' && order.grossCents > 0 && !ORDER_STATUS[order.status].closed && !hasInvoicePayment(orderPayments),
    refund:
      order.paymentMethod === 'card' &&
      // Not while the warehouse is working on it: wait for the parcel (or its refusal) first.
      ORDER_STATUS[order.status].shopMayRefund &&
      // The payment that paid the order; an extra capture is the workflow's to give back.
      orderPayments.some((p) => p.settlesOrder && p.status === 'captured') &&
      !refundPending,
    refundPending,
  };
}
