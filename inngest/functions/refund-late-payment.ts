import { sendOrderRefunded } from '@/lib/orders/order-notifications';
import { recordRefundFailure } from '@/lib/orders/order-transitions';
import { orderStatus, tenantForJob } from '@/lib/orders/workflow-order';
import { inngest } from '../client';
import { paymentCaptured } from '../events';
import { tenantConcurrency } from '../fairness';
import { emailStep } from './email-step';
import { failureMessage, refundInStep, type RefundStepResult } from './refund-step';

const LATE_PAYMENT_REASON = 'Your payment arrived after the order had been cancelled.';

/**
 * A payment captured for an order that was already cancelled (its wait for payment ran out) is given
 * back: the order stays cancelled, and the buyer is told. Any other captured payment is the order
 * workflow's business, and this function leaves it alone. A refund the provider refused, or still could
 * not make when the step's retries ran out, is written on the order's timeline.
 */
export const refundLatePayment = inngest.createFunction(
  { id: 'refund-late-payment', name: 'Refund a payment for a cancelled order', triggers: [paymentCaptured], concurrency: tenantConcurrency, retries: 4 },
  async ({ event, step }) => {
    const { tenantId, orderId, paymentId } = event.data;
    const status = await step.run('check-order', () => orderStatus(tenantId, orderId));
    if (status !== 'cancelled') return { refunded: false, status };
    let refund: RefundStepResult;
    try {
      refund = await step.run('refund-payment', () =>
        refundInStep(tenantId, { orderId, paymentId, reason: LATE_PAYMENT_REASON, idempotencyKey: `refund:late-payment:${paymentId}` }),
      );
    } catch (error) {
      // Money paid for a cancelled order must not be kept without a word: the shop sees it on the order.
      const failure = failureMessage(error);
      await step.run('record-refund-failure', () => recordRefundFailure(tenantId, orderId, failure));
      return { refunded: false, status, failure };
    }
    if (refund) await emailStep(step, tenantId, orderId, 'email-order-refunded', async () => sendOrderRefunded(await tenantForJob(tenantId), orderId, refund));
    return { refunded: Boolean(refund), status };
  },
);
