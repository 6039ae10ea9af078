import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { customers, orders, staffUsers, tenants, type Tenant } from '@/db/schema';
import { recordShipment } from '@/lib/orders/order-transitions';
import { sandboxRefundCount } from '@/lib/payments/sandbox-provider';
import { withTenant } from '@/lib/tenancy/with-tenant';
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
  WORKFLOW_MODES,
  tenantBySubdomain,
  type WorkflowHarness,
} from './support/workflow-harness';

/**
 * The order saga end to end: the app's real `/api/inngest` handler, driven by the protocol-level test
 * executor, against a real database. Payments arrive as signed sandbox webhooks, events travel through
 * the outbox, and time (the payment timeout) is the executor's virtual clock.
 */

describe.each(WORKFLOW_MODES)('the order saga on the engine double ($mode)', ({ options }) => {
  let h: WorkflowHarness;
  let consumer: Tenant;
  let acme: Tenant;

  beforeAll(async () => {
    h = await startWorkflowHarness(options);
    consumer = await tenantBySubdomain(h.demo, 'consumer');
    acme = await tenantBySubdomain(h.demo, 'acme');
  }, 120_000);
  afterAll(async () => h?.close());

  beforeEach(async () => {
    h.executor.reset();
    await setWarehouse(h.demo, consumer.id, 'succeed');
    await setWarehouse(h.demo, acme.id, 'succeed');
  });

  const workflowOf = (orderId: string) => h.executor.runsOf('order-workflow').filter((r) => (r.event.data as { orderId: string }).orderId === orderId);
  /** Steps that finished (a wait finishes when it resumes or times out), in order. */
  const stepsOf = (orderId: string) =>
    workflowOf(orderId).flatMap((r) => r.steps.filter((s) => ['ok', 'resumed', 'timed-out'].includes(s.outcome)).map((s) => s.name));

  describe('order workflow', () => {
    it('happy path: a paid card order is confirmed, paid, shipped with tracking, and the buyer and owner are emailed', async () => {
      const buyer = await newBuyer(consumer, 'happy');
      const order = await placeTestOrder(h.demo, consumer, buyer, 'card');
      await h.pump();
      expect(workflowOf(order.id)[0]?.status).toBe('waiting');
      expect((await readOrder(consumer.id, order.id)).order.status).toBe('awaiting_payment');

      await payInSandbox(consumer, order);
      await h.pump();

      const after = await readOrder(consumer.id, order.id);
      expect(workflowOf(order.id)[0]?.status).toBe('completed');
      expect(after.order.status).toBe('fulfilled');
      expect(after.shipments).toHaveLength(1);
      expect(after.shipments[0]!.trackingNumber).toMatch(/^SBX\d{12}$/);
      expect(after.refunds).toEqual([]);
      expect(after.timeline).toEqual(['placed', 'payment_captured', 'fulfilment_requested', 'shipped']);
      expect(await emailsTo(consumer.id, buyer.customer.email)).toEqual(['order-confirmation', 'payment-received', 'order-shipped']);
      expect(await emailsTo(consumer.id, 'owner@consumer.test')).toEqual(['owner-order-notification', 'owner-order-notification', 'owner-order-notification']);
      expect(stepsOf(order.id)).toEqual([
        'load-order',
        'email-order-confirmation',
        'wait-for-payment',
        'email-payment-received',
        'start-fulfilment',
        'request-shipment',
        'record-shipment',
        'email-order-shipped',
      ]);
      // Checkpointing, the steps between the waits ran inside two requests, their results POSTed mid-request.
      const run = workflowOf(order.id)[0]!;
      const vias = run.steps.filter((s) => s.outcome === 'ok').map((s) => s.via);
      expect(new Set(vias)).toEqual(new Set([options.protocol === 'plain' ? 'answer' : 'checkpoint']));
      expect(run.requests).toBe(options.protocol === 'plain' ? 9 : 2);
    });

    it('a payment that arrives before the workflow starts skips the wait and still tells the buyer', async () => {
      const buyer = await newBuyer(consumer, 'early');
      const order = await placeTestOrder(h.demo, consumer, buyer, 'card');
      await payInSandbox(consumer, order);
      await h.pump();
      expect((await readOrder(consumer.id, order.id)).order.status).toBe('fulfilled');
      expect(stepsOf(order.id)).not.toContain('wait-for-payment');
      expect(await emailsTo(consumer.id, buyer.customer.email)).toEqual(['order-confirmation', 'payment-received', 'order-shipped']);
    });

    it('no payment within the shop’s timeout: the order is cancelled and the buyer is emailed', async () => {
      await h.demo.db.update(tenants).set({ paymentTimeoutMinutes: 45 }).where(eq(tenants.id, consumer.id));
      await setWarehouse(h.demo, consumer.id, 'succeed');
      const buyer = await newBuyer(consumer, 'timeout');
      const order = await placeTestOrder(h.demo, consumer, buyer, 'card');
      await h.pump();

      await h.executor.advanceTime(44 * 60_000);
      await h.pump();
      expect((await readOrder(consumer.id, order.id)).order.status).toBe('awaiting_payment');

      await h.executor.advanceTime(2 * 60_000);
      await h.pump();
      const after = await readOrder(consumer.id, order.id);
      expect(after.order.status).toBe('cancelled');
      expect(after.timeline).toEqual(['placed', 'cancelled']);
      expect(after.shipments).toEqual([]);
      expect(await emailsTo(consumer.id, buyer.customer.email)).toEqual(['order-confirmation', 'order-cancelled']);
      expect(workflowOf(order.id)[0]?.output).toMatchObject({ outcome: 'cancelled' });
    });

    it('a payment arriving after cancellation leaves the order cancelled and is refunded once', async () => {
      const buyer = await newBuyer(consumer, 'late');
      const order = await placeTestOrder(h.demo, consumer, buyer, 'card');
      const { paymentId } = await startOrderPayment(consumer, order.id);
      await h.pump();
      await h.executor.advanceTime(24 * 60 * 60_000);
      await h.pump();
      expect((await readOrder(consumer.id, order.id)).order.status).toBe('cancelled');

      const refundsBefore = sandboxRefundCount();
      await captureInSandbox(consumer, order, paymentId);
      await h.pump();
      const after = await readOrder(consumer.id, order.id);
      expect(after.order.status).toBe('cancelled');
      expect(after.payments.map((p) => p.status)).toEqual(['refunded']);
      expect(after.refunds).toHaveLength(1);
      expect(after.refunds[0]).toMatchObject({ amountCents: order.grossCents, reason: expect.stringMatching(/after the order had been cancelled/) });
      expect(sandboxRefundCount() - refundsBefore).toBe(1);
      expect(after.shipments).toEqual([]);
      expect(await emailsTo(consumer.id, buyer.customer.email)).toEqual(['order-confirmation', 'order-cancelled', 'order-refunded']);
    });

    it('the warehouse refusing for good: exactly one refund, the order refunded, the buyer told why', async () => {
      await setWarehouse(h.demo, consumer.id, 'fail_permanently');
      const buyer = await newBuyer(consumer, 'refund');
      const order = await placeTestOrder(h.demo, consumer, buyer, 'card');
      await h.pump();
      const refundsBefore = sandboxRefundCount();
      await payInSandbox(consumer, order);
      await h.pump();

      const after = await readOrder(consumer.id, order.id);
      expect(after.order.status).toBe('refunded');
      expect(after.refunds).toHaveLength(1);
      expect(after.refunds[0]).toMatchObject({ amountCents: order.grossCents, idempotencyKey: `refund:fulfilment:${order.id}` });
      expect(sandboxRefundCount() - refundsBefore).toBe(1);
      expect(after.payments.map((p) => p.status)).toEqual(['refunded']);
      expect(after.shipments).toEqual([]);
      expect(after.timeline).toEqual(['placed', 'payment_captured', 'fulfilment_requested', 'refunded']);
      expect(await emailsTo(consumer.id, buyer.customer.email)).toEqual(['order-confirmation', 'payment-received', 'order-refunded']);
    });

    it('the warehouse failing twice and then shipping: shipped, no refund, the request made three times', async () => {
      await setWarehouse(h.demo, consumer.id, 'fail_temporarily', 2);
      const buyer = await newBuyer(consumer, 'flaky');
      const order = await placeTestOrder(h.demo, consumer, buyer, 'card');
      await h.pump();
      await payInSandbox(consumer, order);
      await h.pump();

      const after = await readOrder(consumer.id, order.id);
      expect(after.order.status).toBe('fulfilled');
      expect(after.refunds).toEqual([]);
      expect(after.shipments).toHaveLength(1);
      const attempts = workflowOf(order.id)[0]!.steps.filter((s) => s.name === 'request-shipment' && s.outcome !== 'waiting');
      expect(attempts.map((s) => s.outcome)).toEqual(['error', 'error', 'ok']);
    });

    it('an invoice order skips the payment wait and ships', async () => {
      const buyer = await newBuyer(acme, 'invoice');
      const order = await placeTestOrder(h.demo, acme, buyer, 'invoice');
      await h.pump();
      const after = await readOrder(acme.id, order.id);
      expect(after.order.status).toBe('fulfilled');
      expect(stepsOf(order.id)).not.toContain('wait-for-payment');
      expect(await emailsTo(acme.id, buyer.customer.email)).toEqual(['order-confirmation', 'order-shipped']);
    });

    it('an invoice order the warehouse refuses is cancelled, with nothing to refund', async () => {
      await setWarehouse(h.demo, acme.id, 'fail_permanently');
      const buyer = await newBuyer(acme, 'invoice-refused');
      const order = await placeTestOrder(h.demo, acme, buyer, 'invoice');
      await h.pump();
      const after = await readOrder(acme.id, order.id);
      expect(after.order.status).toBe('cancelled');
      expect(after.refunds).toEqual([]);
      expect(await emailsTo(acme.id, buyer.customer.email)).toEqual(['order-confirmation', 'order-cancelled']);
    });

    it('a duplicate order-placed event starts no second workflow', async () => {
      const buyer = await newBuyer(acme, 'duplicate');
      const order = await placeTestOrder(h.demo, acme, buyer, 'invoice');
      await h.pump();
      await h.executor.send({
        id: `order-placed:${order.id}`,
        name: 'shop/order.placed',
        data: { tenantId: acme.id, orderId: order.id, number: order.number, paymentMethod: 'invoice', grossCents: order.grossCents, currency: order.currency },
      });
      await h.executor.settle();
      expect(workflowOf(order.id)).toHaveLength(1);
      expect((await readOrder(acme.id, order.id)).shipments).toHaveLength(1);
    });
  });

  describe('a parcel that ships after the shop refunded the order', () => {
    it('is recorded for the shop, but the order stays refunded and the buyer gets no shipping email', async () => {
      const buyer = await newBuyer(acme, 'late-parcel');
      const order = await placeTestOrder(h.demo, acme, buyer, 'invoice');
      await withTenant(acme.id, (tx) => tx.update(orders).set({ status: 'refunded' }).where(eq(orders.id, order.id)));
      const parcel = { carrier: 'Sandbox Parcel', trackingNumber: 'SBX000000000042', trackingUrl: null };
      expect(await recordShipment(acme.id, order.id, 'sandbox-warehouse', parcel)).toBe(false);
      expect(await recordShipment(acme.id, order.id, 'sandbox-warehouse', parcel)).toBe(false);
      const after = await readOrder(acme.id, order.id);
      expect(after.order.status).toBe('refunded');
      expect(after.shipments).toHaveLength(1);
      expect(after.timeline.filter((t) => t === 'shipped_after_refund')).toHaveLength(1);
      expect(after.timeline).not.toContain('shipped');
    });
  });

  describe('scheduled functions', () => {
    it('the outbox sweep publishes what no relay sent, and the order workflow starts from it', async () => {
      const buyer = await newBuyer(acme, 'sweep');
      const order = await placeTestOrder(h.demo, acme, buyer, 'invoice');
      const sweep = await h.executor.triggerCron('outbox-relay-sweep');
      await h.executor.settle();
      expect(sweep.status).toBe('completed');
      expect(sweep.output).toMatchObject({ published: expect.any(Number) });
      expect((sweep.output as { published: number }).published).toBeGreaterThanOrEqual(1);
      expect(workflowOf(order.id)).toHaveLength(1);
      expect((await readOrder(acme.id, order.id)).order.status).toBe('fulfilled');
    });

    it('expired temporary auto-approvals go back to review, in every shop, and nobody else does', async () => {
      const expired = await newBuyer(acme, 'expired');
      const current = await newBuyer(consumer, 'current');
      const past = new Date(Date.now() - 60_000);
      const future = new Date(Date.now() + 86_400_000);
      await withTenant(acme.id, (tx) =>
        tx.update(customers).set({ approvalType: 'auto', approvalExpiresAt: past }).where(eq(customers.id, expired.customer.id)),
      );
      await withTenant(consumer.id, (tx) =>
        tx.update(customers).set({ approvalType: 'auto', approvalExpiresAt: future }).where(eq(customers.id, current.customer.id)),
      );
      const run = await h.executor.triggerCron('expire-auto-approvals');
      await h.executor.settle();
      expect(run.status).toBe('completed');
      const statusOf = async (tenantId: string, id: string) =>
        (await withTenant(tenantId, (tx) => tx.select({ status: customers.status }).from(customers).where(eq(customers.id, id))))[0]!.status;
      expect(await statusOf(acme.id, expired.customer.id)).toBe('pending_approval');
      expect(await statusOf(consumer.id, current.customer.id)).toBe('active');
    });
  });

  describe('tenant isolation in the workflow', () => {
    it('two shops’ workflows each touch only their own rows', async () => {
      const a = await newBuyer(acme, 'iso-a');
      const c = await newBuyer(consumer, 'iso-c');
      const acmeOrder = await placeTestOrder(h.demo, acme, a, 'invoice');
      const consumerOrder = await placeTestOrder(h.demo, consumer, c, 'card');
      await h.pump();
      await payInSandbox(consumer, consumerOrder);
      await h.pump();
      expect((await readOrder(acme.id, acmeOrder.id)).order.status).toBe('fulfilled');
      expect((await readOrder(consumer.id, consumerOrder.id)).order.status).toBe('fulfilled');
      // Neither order is visible from the other shop's plane.
      expect((await readOrder(consumer.id, acmeOrder.id)).order).toBeUndefined();
      expect(await emailsTo(consumer.id, a.customer.email)).toEqual([]);
      expect(await emailsTo(acme.id, c.customer.email)).toEqual([]);
    });

    it('an event naming one shop and another shop’s order changes nothing and fails the run', async () => {
      const c = await newBuyer(consumer, 'forged');
      const victim = await placeTestOrder(h.demo, consumer, c, 'card');
      await h.pump();
      h.executor.reset();
      await h.executor.send({
        id: `forged:${victim.id}`,
        name: 'shop/order.placed',
        data: {
          tenantId: acme.id,
          orderId: victim.id,
          number: victim.number,
          paymentMethod: 'invoice',
          grossCents: victim.grossCents,
          currency: victim.currency,
          pool: 'shared',
        },
      });
      await h.executor.settle();
      const [run] = workflowOf(victim.id);
      expect(run?.status).toBe('failed');
      const after = await readOrder(consumer.id, victim.id);
      expect(after.order.status).toBe('awaiting_payment');
      expect(after.shipments).toEqual([]);
      expect(await emailsTo(acme.id, c.customer.email)).toEqual([]);
      const [acmeOwner] = await h.demo.db.select().from(staffUsers).where(eq(staffUsers.email, 'owner@acme.test'));
      expect(acmeOwner).toBeDefined();
      expect(await withTenant(acme.id, (tx) => tx.select().from(orders).where(eq(orders.id, victim.id)))).toEqual([]);
    });
  });
});
