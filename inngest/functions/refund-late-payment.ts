import { sendOrderRefunded } from '@/lib/orders/order-notifications';
import { orderStatus, tenantForJob } from '@/lib/orders/workflow-order';
import { refundOrderPayment } from '@/lib/payments/refund-payment';
import { inngest } from '../client';
import { paymentCaptured } from '../events';
import { tenantConcurrency } from '../fairness';

const LATE_PAYMENT_REASON = 'Your payment arrived after the order had been cancelled.';

/**
 * A payment captured for an order that was already cancelled (its wait for payment ran out) is given
 * back: the order stays cancelled, and the buyer is told. Any other captured payment is the order
 * workflow's business, and this function leaves it alone.
 */
export const refundLatePayment = inngest.createFunction(
  { id: 'refund-late-payment', name: 'Refund a payment for a cancelled order', triggers: [paymentCaptured], concurrency: tenantConcurrency, retries: 4 },
  async ({ event, step }) => {
    const { tenantId, orderId, paymentId } = event.data;
    const status = await step.run('check-order', () => orderStatus(tenantId, orderId));
    if (status !== 'cancelled') return { refunded: false, status };
    const refund = await step.run('refund-payment', async () => {
      const outcome = await refundOrderPayment(await tenantForJob(tenantId), {
        orderId,
        paymentId,
        reason: LATE_PAYMENT_REASON,
        idempotencyKey: `refund:late-payment:${paymentId}`,
      });
      return outcome.refund && { id: outcome.refund.id, amountCents: outcome.refund.amountCents, currency: outcome.refund.currency, reason: outcome.refund.reason };
    });
    if (refund) await step.run('email-order-refunded', async () => sendOrderRefunded(await tenantForJob(tenantId), orderId, refund));
    return { refunded: Boolean(refund), status };
  },
);
