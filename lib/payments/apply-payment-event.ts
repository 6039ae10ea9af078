import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { orders, outbox, payments, type Order, type Payment } from '@/db/schema';
import { isUuid } from '@/lib/ids';
import { log } from '@/lib/log';
import { earnPoints, loyaltyRatesOf } from '@/lib/loyalty/loyalty';
import { canTransition } from '@/lib/orders/order-status';
import { recordOrderEvent } from '@/lib/orders/order-timeline';
import { transition } from '@/lib/orders/order-transitions';
import { getTenantById } from '@/lib/tenancy/tenant-directory';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { extraCaptureReason } from './extra-capture';
import { voidOpenPayments } from './open-payments';
import type { StoredWebhookEvent } from './webhook-storage';

const OUTCOMES: Record<string, 'captured' | 'failed'> = { 'payment.succeeded': 'captured', 'payment.failed': 'failed' };

/** A capture means money was taken, from whatever state the attempt was in; only a recorded capture is final. */
const CAPTURABLE: ReadonlySet<Payment['status']> = new Set(['pending', 'failed', 'voided']);

/**
 * Moves a payment, and its order, on after a provider event. Every transition is guarded by the state
 * it leaves, so a replayed or late event changes nothing twice.
 *
 * A capture pays the order only when the order still awaits payment and the attempt was not voided (a
 * newer attempt replaced it): then the order is paid, its other attempts voided, and `shop/payment.captured`
 * announced, which the order workflow waits for. Any other capture is extra money (the order was paid by
 * another attempt, cancelled, or the attempt replaced): it is recorded and `shop/payment.extra-captured`
 * announced, and the workflow refunds it. The order's row lock, taken first as `startOrderPayment` takes
 * it, makes concurrent captures of one order pick exactly one payer; outbox ids derive from the payment.
 */
export async function applyPaymentEvent(event: StoredWebhookEvent): Promise<void> {
  const outcome = OUTCOMES[event.eventType];
  const paymentId = (event.payload.data as { paymentId?: unknown } | undefined)?.paymentId;
  if (!outcome || !event.tenantId || !isUuid(paymentId)) return;
  const tenantId = event.tenantId;
  // The shop's rates are platform data: read before the tenant transaction, never inside it.
  const shop = await getTenantById(tenantId);
  await withTenant(tenantId, async (tx) => {
    if (outcome === 'failed') {
      const [payment] = await tx
        .update(payments)
        .set({ status: 'failed', updatedAt: new Date() })
        .where(and(eq(payments.id, paymentId), eq(payments.status, 'pending')))
        .returning();
      if (payment) await recordOrderEvent(tx, { tenantId, id: payment.orderId }, 'payment_failed', { paymentId });
      return;
    }
    const [known] = await tx.select({ orderId: payments.orderId }).from(payments).where(eq(payments.id, paymentId));
    if (!known) return;
    const [order] = await tx.select().from(orders).where(eq(orders.id, known.orderId)).for('update');
    const [payment] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update');
    if (!order || !payment || !CAPTURABLE.has(payment.status)) return;
    const settles = payment.status !== 'voided' && canTransition('capturePayment', order.status);
    await tx.update(payments).set({ status: 'captured', settlesOrder: settles, updatedAt: new Date() }).where(eq(payments.id, payment.id));
    if (settles) {
      await settleOrder(tx, order, payment);
      if (shop) await earnPoints(tx, tenantId, order.customerId, order.id, order.netCents, loyaltyRatesOf(shop));
      return;
    }
    const reason = extraCaptureReason(order.status);
    await recordOrderEvent(tx, order, 'extra_payment_captured', { paymentId, amountCents: payment.amountCents, reason });
    await announce(tx, payment, 'payment-extra-captured', 'shop/payment.extra-captured');
    log.warn({ tenantId, orderId: order.id, paymentId, reason, orderStatus: order.status }, 'payment captured that the order did not need: it is refunded');
  });
}

async function settleOrder(tx: Transaction, order: Order, payment: Payment): Promise<void> {
  await transition(tx, order.id, 'capturePayment');
  // Another tab's hosted page of this order takes no more money.
  await voidOpenPayments(tx, order.id, payment.id);
  await recordOrderEvent(tx, order, 'payment_captured', { paymentId: payment.id, amountCents: payment.amountCents });
  await announce(tx, payment, 'payment-captured', 'shop/payment.captured');
}

function announce(tx: Transaction, payment: Payment, idPrefix: string, eventName: string) {
  const { tenantId, orderId, amountCents, currency } = payment;
  return tx
    .insert(outbox)
    .values({ tenantId, eventId: `${idPrefix}:${payment.id}`, eventName, payload: { tenantId, orderId, paymentId: payment.id, amountCents, currency } });
}
