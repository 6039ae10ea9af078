import { NonRetriableError } from 'inngest';
import { log } from '@/lib/log';
import { sendOrderRefunded } from '@/lib/orders/order-notifications';
import { canTransition, ORDER_TRANSITIONS } from '@/lib/orders/order-status';
import { markOrderRefundedByShop, recordRefundFailure } from '@/lib/orders/order-transitions';
import { orderStatus, tenantForJob } from '@/lib/orders/workflow-order';
import { findRefund } from '@/lib/payments/refund-payment';
import { orderRefundRequested } from '../events';
import { tenantConcurrency } from '../fairness';
import { emailStep } from './email-step';
import type { PoolBinding } from './pool-binding';
import { refundInStep } from './refund-step';

const refundKey = (orderId: string) => `refund:manual:${orderId}`;

/**
 * A refund the shop asked for in the dashboard: the card payment goes back through the provider under
 * one idempotency key per order (`refund:manual:<order>`), the order is marked refunded (also when it
 * had shipped) and the buyer is emailed. Each step is safe to repeat. When the refund cannot be made,
 * the timeline says so, so the dashboard stops showing it as requested; when it was made and only a later
 * step failed, it does not.
 */
export const createRefundOrder = ({ client, on }: PoolBinding) =>
  client.createFunction(
    {
      id: 'refund-order',
      name: 'Refund an order at the shop’s request',
      triggers: [on(orderRefundRequested)],
      concurrency: tenantConcurrency,
      retries: 4,
      onFailure: async ({ event, error }) => {
        const { tenantId, orderId } = event.data.event.data;
        // A later step giving up (the buyer's email) does not undo a refund that went through.
        if (await findRefund(tenantId, refundKey(orderId))) {
          log.error({ tenantId, orderId, error: error.message }, 'refund made, but a later step of the refund failed');
          return;
        }
        await recordRefundFailure(tenantId, orderId, error.message);
      },
    },
    async ({ event, step }) => {
      const { tenantId, orderId, reason } = event.data;
      const status = await step.run('check-order', () => orderStatus(tenantId, orderId));
      // Already refunded: a repeat of the job finishes what the first run started.
      if (status === null || !(canTransition('refundByShop', status) || status === ORDER_TRANSITIONS.refundByShop.to))
        throw new NonRetriableError(`Order ${orderId} cannot be refunded (status ${status ?? 'unknown'})`);
      const refund = await step.run('refund-payment', () => refundInStep(tenantId, { orderId, reason, idempotencyKey: refundKey(orderId) }));
      if (!refund) throw new NonRetriableError(`Order ${orderId} has no captured payment to refund`);
      await step.run('mark-order-refunded', () => markOrderRefundedByShop(tenantId, orderId));
      await emailStep(step, tenantId, orderId, 'email-order-refunded', async () => sendOrderRefunded(await tenantForJob(tenantId), orderId, refund));
      return { refunded: true, refundId: refund.id };
    },
  );
