import { sendOrderRefunded } from '@/lib/orders/order-notifications';
import { recordRefundFailure } from '@/lib/orders/order-transitions';
import { tenantForJob } from '@/lib/orders/workflow-order';
import { extraRefundReason, findExtraCapture } from '@/lib/payments/extra-capture';
import { extraPaymentCaptured, paymentCaptured } from '../events';
import { tenantConcurrency } from '../fairness';
import { emailStep } from './email-step';
import type { PoolBinding } from './pool-binding';
import { failureMessage, refundInStep, type RefundStepResult } from './refund-step';

/**
 * Gives back a card payment its order did not need: captured after the order was paid by another
 * attempt, after it was cancelled, or after a newer attempt replaced it. The order stays as it is and the
 * buyer is told. One refund per payment, whatever runs it: the provider and the refunds table both key it
 * `refund:late-payment:<payment>`, and the payment that paid the order is never a candidate.
 *
 * Also listens to `shop/payment.captured`, for captures announced before extra ones had their own event;
 * the check finds the order's own payment and stops. A refund the provider refused, or still could not
 * make when the step's retries ran out, is written on the order's timeline.
 */
export const createRefundLatePayment = ({ client, on }: PoolBinding) =>
  client.createFunction(
    {
      id: 'refund-late-payment',
      name: 'Refund a payment the order did not need',
      triggers: [on(extraPaymentCaptured), on(paymentCaptured)],
      concurrency: tenantConcurrency,
      retries: 4,
    },
    async ({ event, step }) => {
      const { tenantId, orderId, paymentId } = event.data;
      const extra = await step.run('check-payment', () => findExtraCapture(tenantId, paymentId));
      if (!extra || extra.orderId !== orderId) return { refunded: false };
      let refund: RefundStepResult;
      try {
        refund = await step.run('refund-payment', () =>
          refundInStep(tenantId, {
            orderId,
            paymentId,
            reason: extraRefundReason[extra.reason],
            idempotencyKey: `refund:late-payment:${paymentId}`,
            timelineEvent: extra.reason === 'order_cancelled' ? 'refunded' : 'extra_payment_refunded',
          }),
        );
      } catch (error) {
        // Money the order did not need must not be kept without a word: the shop sees it on the order.
        const failure = failureMessage(error);
        await step.run('record-refund-failure', () => recordRefundFailure(tenantId, orderId, failure));
        return { refunded: false, reason: extra.reason, failure };
      }
      if (refund)
        await emailStep(step, tenantId, orderId, 'email-order-refunded', async () => sendOrderRefunded(await tenantForJob(tenantId), orderId, refund));
      return { refunded: Boolean(refund), reason: extra.reason };
    },
  );
