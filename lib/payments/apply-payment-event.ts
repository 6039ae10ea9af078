import { and, eq } from 'drizzle-orm';
import { orderEvents, orders, outbox, payments } from '@/db/schema';
import { isUuid } from '@/lib/ids';
import { log } from '@/lib/log';
import { earnPoints, loyaltyRatesOf } from '@/lib/loyalty/loyalty';
import { getTenantById } from '@/lib/tenancy/tenant-directory';
import { withTenant } from '@/lib/tenancy/with-tenant';
import type { StoredWebhookEvent } from './webhook-storage';

const OUTCOMES: Record<string, 'captured' | 'failed'> = { 'payment.succeeded': 'captured', 'payment.failed': 'failed' };

/**
 * Moves a payment, and its order, on after a provider event. Every transition is guarded by the state
 * it leaves (pending → captured, awaiting_payment → paid), so a replayed or late event changes nothing
 * twice; a capture is announced through the outbox with an id derived from the payment.
 */
export async function applyPaymentEvent(event: StoredWebhookEvent): Promise<void> {
  const outcome = OUTCOMES[event.eventType];
  const paymentId = (event.payload.data as { paymentId?: unknown } | undefined)?.paymentId;
  if (!outcome || !event.tenantId || !isUuid(paymentId)) return;
  const tenantId = event.tenantId;
  // The shop's rates are platform data: read before the tenant transaction, never inside it.
  const shop = await getTenantById(tenantId);
  await withTenant(tenantId, async (tx) => {
    const [payment] = await tx
      .update(payments)
      .set({ status: outcome, updatedAt: new Date() })
      .where(and(eq(payments.id, paymentId), eq(payments.status, 'pending')))
      .returning();
    if (!payment) return;
    if (outcome === 'failed') {
      await tx.insert(orderEvents).values({ tenantId, orderId: payment.orderId, type: 'payment_failed', details: { paymentId } });
      return;
    }
    const [order] = await tx
      .update(orders)
      .set({ status: 'paid', updatedAt: new Date() })
      .where(and(eq(orders.id, payment.orderId), eq(orders.status, 'awaiting_payment')))
      .returning();
    await tx.insert(orderEvents).values({ tenantId, orderId: payment.orderId, type: 'payment_captured', details: { paymentId, amountCents: payment.amountCents } });
    await tx.insert(outbox).values({
      tenantId,
      eventId: `payment-captured:${payment.id}`,
      eventName: 'shop/payment.captured',
      payload: { tenantId, orderId: payment.orderId, paymentId: payment.id, amountCents: payment.amountCents, currency: payment.currency },
    });
    if (order && shop) await earnPoints(tx, tenantId, order.customerId, order.id, order.netCents, loyaltyRatesOf(shop));
    // Paid after the order was cancelled (a late capture): the workflow refunds it.
    if (!order) log.warn({ tenantId, orderId: payment.orderId, paymentId }, 'payment captured for an order no longer awaiting payment');
  });
}
