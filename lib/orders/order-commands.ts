import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Transaction } from '@/db/client';
import { auditLog, orderEvents, orders, outbox, payments, type Order, type Tenant } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { singleLineText } from '@/lib/forms/storable-text';
import { isUuid } from '@/lib/ids';
import { earnPoints, loyaltyRatesOf } from '@/lib/loyalty/loyalty';
import { ORDER_STATUS } from '@/lib/orders/order-status';
import { recordOrderEvent } from '@/lib/orders/order-timeline';
import { cancelAwaitingPaymentOrder } from '@/lib/orders/order-transitions';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { hasInvoicePayment, orderActionsFor } from './order-detail';

/**
 * What the shop can do to an order from the dashboard. Each command locks the order, checks that its
 * state still allows the change, and writes the change, a timeline entry, an audit row (the staff
 * member's email) and an outbox event in one transaction. Emails and refunds are left to the Inngest
 * functions those events start, so the workflow stays in charge of everything with side effects.
 */
export interface Actor {
  email: string;
}

async function lockOrder(tx: Transaction, orderId: string): Promise<Order> {
  // Another shop's order id is simply not there: row-level security hides it.
  const [order] = isUuid(orderId) ? await tx.select().from(orders).where(eq(orders.id, orderId)).for('update') : [];
  if (!order) throw new AppError('NOT_FOUND', 'This order does not exist.');
  return order;
}

async function announce(tx: Transaction, order: Order, actor: Actor, action: string, event: { id: string; name: string; data: Record<string, unknown> }) {
  await tx
    .insert(auditLog)
    .values({ tenantId: order.tenantId, actor: actor.email, action, details: { orderId: order.id, number: order.number, ...event.data } });
  await tx
    .insert(outbox)
    .values({ tenantId: order.tenantId, eventId: event.id, eventName: event.name, payload: { tenantId: order.tenantId, orderId: order.id, ...event.data } });
}

const stateText = (order: Order) => ORDER_STATUS[order.status].label.toLowerCase();

/** Cancels an order that is still waiting for its payment; the buyer is emailed by `notify-order-cancelled`. */
export function cancelOrderByShop(tenant: Tenant, actor: Actor, orderId: string): Promise<Order> {
  return withTenant(tenant.id, async (tx) => {
    const locked = await lockOrder(tx, orderId);
    const cancelled = await cancelAwaitingPaymentOrder(tx, locked.id, actor.email);
    if (!cancelled) {
      throw new AppError('CONFLICT', `Order ${locked.number} is ${stateText(locked)} and can no longer be cancelled. Refund it instead if it was paid.`);
    }
    await announce(tx, cancelled, actor, 'order.cancelled', {
      id: `order-cancelled:${cancelled.id}`,
      name: 'shop/order.cancelled',
      data: { reason: 'cancelled_by_shop' },
    });
    return cancelled;
  });
}

/**
 * Records that an invoice was paid, once: one `invoice` payment for the full amount, the loyalty points
 * the buyer earns on it, and a receipt by email. The order's status stays the workflow's (an invoice
 * order may well have shipped already).
 */
export function markInvoicePaid(tenant: Tenant, actor: Actor, orderId: string): Promise<Order> {
  return withTenant(tenant.id, async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (order.paymentMethod !== 'invoice') throw new AppError('CONFLICT', `Order ${order.number} is paid by card, not on invoice.`);
    if (ORDER_STATUS[order.status].closed) throw new AppError('CONFLICT', `Order ${order.number} is ${stateText(order)}: there is no invoice to pay.`);
    if (order.grossCents <= 0) throw new AppError('CONFLICT', `Order ${order.number} has nothing to pay.`);
    const existing = await tx.select().from(payments).where(eq(payments.orderId, order.id));
    if (hasInvoicePayment(existing)) throw new AppError('CONFLICT', `The invoice of order ${order.number} is already marked paid.`);
    const [payment] = await tx
      .insert(payments)
      .values({
        tenantId: tenant.id,
        orderId: order.id,
        provider: 'invoice',
        status: 'captured',
        settlesOrder: true,
        amountCents: order.grossCents,
        currency: order.currency,
      })
      .returning();
    await recordOrderEvent(tx, order, 'invoice_paid', { paymentId: payment!.id, amountCents: payment!.amountCents, by: actor.email });
    await earnPoints(tx, tenant.id, order.customerId, order.id, order.netCents, loyaltyRatesOf(tenant));
    await announce(tx, order, actor, 'order.invoice_paid', {
      id: `invoice-paid:${payment!.id}`,
      name: 'shop/invoice.paid',
      data: { paymentId: payment!.id, amountCents: payment!.amountCents, currency: payment!.currency },
    });
    return order;
  });
}

export const refundRequestSchema = z.object({
  reason: singleLineText().min(1, 'Please say why the order is refunded.').max(200, 'Please keep the reason to 200 characters.'),
});

/**
 * Asks for a card order's payment to be given back in full; the `refund-order` function does it and
 * marks the order refunded. Until then the order shows the request, and a second one is refused.
 */
export async function requestOrderRefund(tenant: Tenant, actor: Actor, orderId: string, input: unknown): Promise<Order> {
  const parsed = refundRequestSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    throw new AppError('VALIDATION_FAILED', 'Please check the refund reason.', { details: { fieldErrors } });
  }
  const { reason } = parsed.data;
  return withTenant(tenant.id, async (tx) => {
    const order = await lockOrder(tx, orderId);
    const [orderPayments, events] = await Promise.all([
      tx.select().from(payments).where(eq(payments.orderId, order.id)),
      tx.select({ type: orderEvents.type }).from(orderEvents).where(eq(orderEvents.orderId, order.id)).orderBy(asc(orderEvents.createdAt)),
    ]);
    const allowed = orderActionsFor(order, orderPayments, events);
    if (allowed.refundPending) throw new AppError('CONFLICT', `A refund of order ${order.number} is already on its way.`);
    if (!allowed.refund) throw new AppError('CONFLICT', `Order ${order.number} is ${stateText(order)} and cannot be refunded.`);
    await recordOrderEvent(tx, order, 'refund_requested', { reason, by: actor.email });
    const attempt = events.filter((e) => e.type === 'refund_requested').length + 1;
    await announce(tx, order, actor, 'order.refund_requested', {
      id: `order-refund-requested:${order.id}:${attempt}`,
      name: 'shop/order.refund-requested',
      data: { reason, requestedBy: actor.email },
    });
    return order;
  });
}
