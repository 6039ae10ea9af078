import { sendOrderCancelled } from '@/lib/orders/order-notifications';
import { orderStatus, tenantForJob } from '@/lib/orders/workflow-order';
import { orderCancelled } from '../events';
import { tenantConcurrency } from '../fairness';
import { emailStep } from './email-step';
import type { PoolBinding } from './pool-binding';

/**
 * Tells the buyer that the shop cancelled their order. The email's idempotency key is the order's, so a
 * re-delivered event (or a step run twice) sends it once; an order that is not cancelled in the event's
 * own tenant gets no email at all.
 */
export const createNotifyOrderCancelled = ({ client, on }: PoolBinding) =>
  client.createFunction(
    {
      id: 'notify-order-cancelled',
      name: 'Email the buyer about a cancelled order',
      triggers: [on(orderCancelled)],
      concurrency: tenantConcurrency,
      retries: 4,
    },
    async ({ event, step }) => {
      const { tenantId, orderId, reason } = event.data;
      const status = await step.run('check-order', () => orderStatus(tenantId, orderId));
      if (status !== 'cancelled') return { emailed: false, status };
      await emailStep(step, tenantId, orderId, 'email-order-cancelled', async () => sendOrderCancelled(await tenantForJob(tenantId), orderId, reason, null));
      return { emailed: true, status };
    },
  );
