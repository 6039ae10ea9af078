import { sendPaymentReceived } from '@/lib/orders/order-notifications';
import { orderStatus, tenantForJob } from '@/lib/orders/workflow-order';
import { invoicePaid } from '../events';
import { tenantConcurrency } from '../fairness';
import { emailStep } from './email-step';
import type { PoolBinding } from './pool-binding';

/**
 * The receipt for an invoice the shop marked paid. The order's status is the workflow's business (an
 * invoice order ships before it is paid), so this only emails; the key makes a repeat send nothing.
 */
export const createNotifyInvoicePaid = ({ client, on }: PoolBinding) =>
  client.createFunction(
    {
      id: 'notify-invoice-paid',
      name: 'Email the buyer a receipt for a paid invoice',
      triggers: [on(invoicePaid)],
      concurrency: tenantConcurrency,
      retries: 4,
    },
    async ({ event, step }) => {
      const { tenantId, orderId } = event.data;
      const status = await step.run('check-order', () => orderStatus(tenantId, orderId));
      if (status === null) return { emailed: false, status };
      await emailStep(step, tenantId, orderId, 'email-payment-received', async () => sendPaymentReceived(await tenantForJob(tenantId), orderId));
      return { emailed: true, status };
    },
  );
