import { NonRetriableError } from 'inngest';
import { PermanentFulfilmentError } from '@/lib/fulfilment/fulfilment-provider';
import { sandboxWarehouse } from '@/lib/fulfilment/sandbox-warehouse';
import { sendOrderCancelled, sendOrderConfirmation, sendOrderRefunded, sendOrderShipped, sendPaymentReceived } from '@/lib/orders/order-notifications';
import {
  cancelUnfulfillableOrder,
  cancelUnpaidOrder,
  markOrderRefunded,
  recordRefundFailure,
  recordShipment,
  startFulfilment,
} from '@/lib/orders/order-transitions';
import { loadOrder, loadWorkflowOrder, tenantForJob } from '@/lib/orders/workflow-order';
import type { inngest } from '../client';
import { orderPlaced, paymentCaptured } from '../events';
import { premiumPriority, tenantConcurrency } from '../fairness';
import { emailStep } from './email-step';
import type { PoolBinding } from './pool-binding';
import { failureMessage, refundInStep, type RefundStepResult } from './refund-step';

const warehouse = sandboxWarehouse;

/**
 * The order saga: confirm → wait for the card payment (or not, for invoice and fully discounted orders)
 * → fulfil → shipped, with a timeout that cancels an unpaid order and a refund when the warehouse can
 * never ship a paid one. Every step is a guarded database change or an idempotent call, because the
 * engine runs each step at least once; everything it touches is read through the event's own tenant.
 */
export const createOrderWorkflow = ({ client, on }: PoolBinding) =>
  client.createFunction(
    {
      id: 'order-workflow',
      name: 'Order workflow',
      triggers: [on(orderPlaced)],
      concurrency: tenantConcurrency,
      priority: premiumPriority,
      retries: 4,
    },
    async ({ event, step }) => {
      const { tenantId, orderId } = event.data;
      const facts = await step.run('load-order', () => loadWorkflowOrder(tenantId, orderId));
      if (!facts) throw new NonRetriableError(`Order ${orderId} does not exist in its tenant`);
      await emailStep(step, tenantId, orderId, 'email-order-confirmation', async () =>
        sendOrderConfirmation(await tenantForJob(tenantId), orderId, facts.paymentDueBy ? new Date(facts.paymentDueBy) : null),
      );

      if (facts.needsPayment) {
        const payment = await step.waitForEvent('wait-for-payment', {
          event: paymentCaptured,
          timeout: `${facts.timeoutMinutes}m`,
          if: `async.data.tenantId == "${tenantId}" && async.data.orderId == "${orderId}"`,
        });
        if (!payment) {
          const outcome = await step.run('cancel-unpaid-order', () => cancelUnpaidOrder(tenantId, orderId, facts.timeoutMinutes));
          if (outcome.cancelled) {
            await emailStep(step, tenantId, orderId, 'email-order-cancelled', async () =>
              sendOrderCancelled(await tenantForJob(tenantId), orderId, 'payment_timeout', facts.timeoutMinutes),
            );
            return { outcome: 'cancelled' as const };
          }
          // The payment arrived as the wait ran out (its event missed the wait): carry on if it is paid.
          if (outcome.status !== 'paid') return { outcome: 'stopped' as const, status: outcome.status };
        }
      }
      // Also when the payment beat the workflow to it (paid before the order event was even relayed).
      if (facts.paidByCard)
        await emailStep(step, tenantId, orderId, 'email-payment-received', async () => sendPaymentReceived(await tenantForJob(tenantId), orderId));

      const started = await step.run('start-fulfilment', () => startFulfilment(tenantId, orderId));
      if (!started) return { outcome: 'stopped' as const, status: 'not fulfillable' };

      const shipment = await requestShipment(step, tenantId, orderId);
      if (shipment.shipped) {
        const shipped = await step.run('record-shipment', () => recordShipment(tenantId, orderId, warehouse.name, shipment.parcel));
        // Refunded or cancelled by the shop while the warehouse worked: the parcel is on record, no email.
        if (!shipped) return { outcome: 'stopped' as const, status: 'refunded or cancelled while shipping' };
        await emailStep(step, tenantId, orderId, 'email-order-shipped', async () => sendOrderShipped(await tenantForJob(tenantId), orderId));
        return { outcome: 'shipped' as const, trackingNumber: shipment.parcel.trackingNumber };
      }
      return compensate(step, tenantId, orderId, facts.paymentMethod, shipment.reason);
    },
  );

type Step = Parameters<Parameters<typeof inngest.createFunction>[1]>[0]['step'];

/**
 * Asks the warehouse to ship. A temporary failure throws, so the engine retries the step with backoff; a
 * permanent one, or a warehouse still failing when the retries run out, ends in compensation.
 */
async function requestShipment(step: Step, tenantId: string, orderId: string) {
  try {
    return await step.run('request-shipment', async () => {
      const tenant = await tenantForJob(tenantId);
      const order = await loadOrder(tenantId, orderId);
      try {
        const parcel = await warehouse.requestShipment(tenant, order, `fulfil:${orderId}`);
        return { shipped: true as const, parcel };
      } catch (error) {
        if (error instanceof PermanentFulfilmentError) return { shipped: false as const, reason: error.message };
        throw error;
      }
    });
  } catch {
    return { shipped: false as const, reason: 'The warehouse could not be reached to ship the order.' };
  }
}

const REFUND_REASON = 'The warehouse could not ship your order.';

/**
 * The warehouse will never ship: a paid order is refunded in full, an invoice order is cancelled. A
 * refund the provider refused, or still could not make when the step's retries ran out, is written on
 * the order's timeline ("Refund failed" and why), so the shop sees a paid order that was neither shipped
 * nor refunded instead of a run that failed where nobody looks. The order stays as it was.
 */
async function compensate(step: Step, tenantId: string, orderId: string, paymentMethod: 'card' | 'invoice', detail: string) {
  if (paymentMethod === 'invoice') {
    await step.run('cancel-unfulfillable-order', () => cancelUnfulfillableOrder(tenantId, orderId, detail));
    await emailStep(step, tenantId, orderId, 'email-order-cancelled', async () =>
      sendOrderCancelled(await tenantForJob(tenantId), orderId, 'fulfilment_failed', null),
    );
    return { outcome: 'cancelled' as const, reason: detail };
  }
  let refunded: RefundStepResult;
  try {
    refunded = await step.run('refund-payment', () =>
      refundInStep(tenantId, { orderId, reason: REFUND_REASON, idempotencyKey: `refund:fulfilment:${orderId}` }),
    );
  } catch (error) {
    const failure = failureMessage(error);
    await step.run('record-refund-failure', () => recordRefundFailure(tenantId, orderId, failure));
    return { outcome: 'refund_failed' as const, reason: detail, failure };
  }
  await step.run('mark-order-refunded', () => markOrderRefunded(tenantId, orderId));
  if (refunded)
    await emailStep(step, tenantId, orderId, 'email-order-refunded', async () => sendOrderRefunded(await tenantForJob(tenantId), orderId, refunded));
  return { outcome: 'refunded' as const, reason: detail };
}
