import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '@/db/schema';
import { sandboxRefundCount } from '@/lib/payments/sandbox-provider';
import { startOrderPayment } from '@/lib/payments/start-order-payment';
import {
  captureInSandbox,
  emailsTo,
  newBuyer,
  payInSandbox,
  placeTestOrder,
  readOrder,
  setWarehouse,
  startWorkflowHarness,
  tenantBySubdomain,
  WORKFLOW_MODES,
  type WorkflowHarness,
} from './support/workflow-harness';

/**
 * Steps run at least once: the executor here "crashes" right after each of these steps did its work and
 * before the engine stored the result, so every one of them runs a second time. What the buyer and the
 * payment provider see must not change: one email, one parcel, one refund.
 */
const CRASHING_STEPS = [
  'email-order-confirmation',
  'email-payment-received',
  'start-fulfilment',
  'request-shipment',
  'record-shipment',
  'email-order-shipped',
  'refund-payment',
  'mark-order-refunded',
  'email-order-refunded',
];

describe.each(WORKFLOW_MODES)('crash-and-retry on the engine double ($mode)', ({ options }) => {
  let h: WorkflowHarness;
  let consumer: Tenant;

  beforeAll(async () => {
    h = await startWorkflowHarness({
      ...options,
      crashAfterStep: [
        // The refund of an extra payment, and the check before it, run twice as well.
        { fnId: 'refund-late-payment', stepName: 'refund-payment', times: 1 },
        { fnId: 'refund-late-payment', stepName: 'email-order-refunded', times: 1 },
        ...CRASHING_STEPS.map((stepName) => ({ stepName, times: 1 })),
      ],
    });
    consumer = await tenantBySubdomain(h.demo, 'consumer');
  }, 120_000);
  afterAll(async () => h?.close());

  const crashedSteps = (orderId: string) =>
    h.executor
      .runsOf('order-workflow')
      .filter((r) => (r.event.data as { orderId: string }).orderId === orderId)
      .flatMap((r) => r.steps.filter((s) => s.outcome === 'crashed').map((s) => s.name));

  describe('a step retried after a crash', () => {
    it('ships one parcel and sends each email once', async () => {
      const buyer = await newBuyer(consumer, 'crash-ship');
      const order = await placeTestOrder(h.demo, consumer, buyer, 'card');
      await h.pump();
      await payInSandbox(consumer, order);
      await h.pump();

      expect(crashedSteps(order.id)).toEqual([
        'email-order-confirmation',
        'email-payment-received',
        'start-fulfilment',
        'request-shipment',
        'record-shipment',
        'email-order-shipped',
      ]);
      // Checkpointing, each of those results was discarded on its way to the checkpoint API, not in an answer.
      const vias = h.executor.runsOf('order-workflow').flatMap((r) => r.steps.filter((s) => s.outcome === 'crashed').map((s) => s.via));
      expect(new Set(vias)).toEqual(new Set([options.protocol === 'plain' ? 'answer' : 'checkpoint']));
      const after = await readOrder(consumer.id, order.id);
      expect(after.order.status).toBe('fulfilled');
      expect(after.shipments).toHaveLength(1);
      expect(after.timeline).toEqual(['placed', 'payment_captured', 'fulfilment_requested', 'shipped']);
      expect(await emailsTo(consumer.id, buyer.customer.email)).toEqual(['order-confirmation', 'payment-received', 'order-shipped']);
    });

    it('refunds once when the refund step runs twice', async () => {
      await setWarehouse(h.demo, consumer.id, 'fail_permanently');
      h.executor.reset();
      const buyer = await newBuyer(consumer, 'crash-refund');
      const order = await placeTestOrder(h.demo, consumer, buyer, 'card');
      await h.pump();
      const before = sandboxRefundCount();
      await payInSandbox(consumer, order);
      await h.pump();

      expect(crashedSteps(order.id)).toEqual(expect.arrayContaining(['refund-payment', 'mark-order-refunded', 'email-order-refunded']));
      const after = await readOrder(consumer.id, order.id);
      expect(after.order.status).toBe('refunded');
      expect(after.refunds).toHaveLength(1);
      expect(sandboxRefundCount() - before).toBe(1);
      expect(after.timeline.filter((t) => t === 'refunded')).toHaveLength(1);
      expect(await emailsTo(consumer.id, buyer.customer.email)).toEqual(['order-confirmation', 'payment-received', 'order-refunded']);
    });

    it('refunds an extra payment once when its refund step runs twice', async () => {
      await setWarehouse(h.demo, consumer.id, 'succeed');
      h.executor.reset();
      const buyer = await newBuyer(consumer, 'crash-extra');
      const order = await placeTestOrder(h.demo, consumer, buyer, 'card');
      await h.pump();
      const replaced = (await startOrderPayment(consumer, order.id)).paymentId;
      const current = (await startOrderPayment(consumer, order.id)).paymentId;
      const before = sandboxRefundCount();
      await captureInSandbox(consumer, order, current);
      await captureInSandbox(consumer, order, replaced);
      await h.pump();

      const refundRuns = h.executor.runsOf('refund-late-payment').filter((r) => (r.event.data as { paymentId: string }).paymentId === replaced);
      expect(refundRuns.flatMap((r) => r.steps.filter((s) => s.outcome === 'crashed').map((s) => s.name))).toEqual(['refund-payment', 'email-order-refunded']);
      const after = await readOrder(consumer.id, order.id);
      expect(after.refunds.map((r) => r.paymentId)).toEqual([replaced]);
      expect(sandboxRefundCount() - before).toBe(1);
      expect(after.timeline.filter((t) => t === 'extra_payment_refunded')).toHaveLength(1);
      expect((await emailsTo(consumer.id, buyer.customer.email)).filter((t) => t === 'order-refunded')).toHaveLength(1);
    });
  });
});
