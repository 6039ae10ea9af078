import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { payments, webhookEvents, type Order, type Tenant } from '@/db/schema';
import { getShopOrder } from '@/lib/orders/order-detail';
import { timelineDetail, timelineLabel } from '@/lib/orders/order-timeline-labels';
import { isAppError } from '@/lib/errors';
import { getCustomerOrder } from '@/lib/orders/customer-orders';
import { sandboxRefundCount } from '@/lib/payments/sandbox-provider';
import { submitSandboxPayment } from '@/lib/payments/submit-sandbox-payment';
import { startOrderPayment } from '@/lib/payments/start-order-payment';
import { withTenant } from '@/lib/tenancy/with-tenant';
import {
  captureInSandbox,
  emailsTo,
  newBuyer,
  placeTestOrder,
  readOrder,
  setWarehouse,
  startWorkflowHarness,
  tenantBySubdomain,
  WORKFLOW_MODES,
  type WorkflowHarness,
} from './support/workflow-harness';

/**
 * An order is paid at most once. The buyer may start a payment, go back and press "Pay now" again (or
 * open the payment page in two tabs): the newer attempt voids the older one, whose hosted page then takes
 * no money. A provider that captures the older one all the same, or a second capture by any other path,
 * is extra money: the workflow refunds it, once, and the order and its timeline say so.
 */

describe.each(WORKFLOW_MODES)('double payments on the engine double ($mode)', ({ options }) => {
  let h: WorkflowHarness;
  let consumer: Tenant;

  beforeAll(async () => {
    h = await startWorkflowHarness(options);
    consumer = await tenantBySubdomain(h.demo, 'consumer');
  }, 120_000);
  afterAll(async () => h?.close());
  beforeEach(async () => {
    h.executor.reset();
    await setWarehouse(h.demo, consumer.id, 'succeed');
  });

  /** A card order with two payment attempts started for it, the first replaced by the second. */
  async function orderPaidTwice(label: string) {
    const buyer = await newBuyer(consumer, label);
    const order = await placeTestOrder(h.demo, consumer, buyer, 'card');
    await h.pump();
    const first = (await startOrderPayment(consumer, order.id)).paymentId;
    const second = (await startOrderPayment(consumer, order.id)).paymentId;
    return { buyer, order, first, second };
  }

  const statusOf = (paymentsRows: { id: string; status: string; settlesOrder: boolean }[], id: string) => paymentsRows.find((p) => p.id === id);

  /** What must hold once both captures arrived, whichever came first. */
  async function expectPaidOnceAndExtraRefunded(order: Order, payer: string, extra: string, reason: RegExp) {
    const after = await readOrder(consumer.id, order.id);
    expect(after.order.status).toBe('fulfilled');
    expect(after.shipments).toHaveLength(1);
    expect(statusOf(after.payments, payer)).toMatchObject({ status: 'captured', settlesOrder: true });
    expect(statusOf(after.payments, extra)).toMatchObject({ status: 'refunded', settlesOrder: false });
    expect(after.refunds).toHaveLength(1);
    expect(after.refunds[0]).toMatchObject({
      paymentId: extra,
      amountCents: order.grossCents,
      idempotencyKey: `refund:late-payment:${extra}`,
      reason: expect.stringMatching(reason),
    });
    expect(after.timeline.filter((t) => t === 'payment_captured')).toHaveLength(1);
    expect(after.timeline.filter((t) => t === 'extra_payment_captured')).toHaveLength(1);
    expect(after.timeline.filter((t) => t === 'extra_payment_refunded')).toHaveLength(1);
    expect(after.timeline).not.toContain('refunded');
    return after;
  }

  /** Two card attempts of one order both still pending, as orders started before voiding existed may have. */
  async function twoPendingAttempts(order: { id: string; grossCents: number; currency: string }) {
    return withTenant(consumer.id, (tx) =>
      tx
        .insert(payments)
        .values([0, 1].map(() => ({ tenantId: consumer.id, orderId: order.id, provider: 'sandbox', amountCents: order.grossCents, currency: order.currency })))
        .returning(),
    );
  }

  describe('a second payment attempt for one order', () => {
    it('voids the first: its hosted page refuses to take money, and nothing is captured', async () => {
      const { buyer, order, first, second } = await orderPaidTwice('void');
      const rows = (await readOrder(consumer.id, order.id)).payments;
      expect(statusOf(rows, first)?.status).toBe('voided');
      expect(statusOf(rows, second)?.status).toBe('pending');

      expect(await submitSandboxPayment(consumer.id, buyer.customer.id, first, 'succeeded')).toMatchObject({ outcome: 'not_payable', status: 'voided' });
      const after = await readOrder(consumer.id, order.id);
      expect(after.order.status).toBe('awaiting_payment');
      expect(statusOf(after.payments, first)?.status).toBe('voided');
      const delivered = await withTenant(consumer.id, (tx) =>
        tx
          .select()
          .from(webhookEvents)
          .where(eq(webhookEvents.providerEventId, `evt_${first}_succeeded`)),
      );
      expect(delivered).toEqual([]);

      // The current attempt still pays the order; after that, no attempt can be started or paid.
      expect(await submitSandboxPayment(consumer.id, buyer.customer.id, second, 'succeeded')).toMatchObject({ outcome: 'succeeded' });
      await h.pump();
      expect((await readOrder(consumer.id, order.id)).order.status).toBe('fulfilled');
      const refused = await startOrderPayment(consumer, order.id).catch((e: unknown) => e);
      expect(isAppError(refused, 'CONFLICT')).toBe(true);
    });

    it('captured anyway after the newer one paid: the order is paid once and the extra capture refunded once', async () => {
      const { buyer, order, first, second } = await orderPaidTwice('late-first');
      const refundsBefore = sandboxRefundCount();
      await captureInSandbox(consumer, order, second);
      await h.pump();
      await captureInSandbox(consumer, order, first);
      await h.pump();

      const after = await expectPaidOnceAndExtraRefunded(order, second, first, /already paid with another payment/);
      expect(sandboxRefundCount() - refundsBefore).toBe(1);
      expect(await emailsTo(consumer.id, buyer.customer.email)).toEqual(['order-confirmation', 'payment-received', 'order-shipped', 'order-refunded']);

      // The provider delivering both webhooks again changes nothing: no second refund, no new entry.
      await captureInSandbox(consumer, order, first);
      await captureInSandbox(consumer, order, second);
      await h.pump();
      const again = await readOrder(consumer.id, order.id);
      expect(again.timeline).toEqual(after.timeline);
      expect(again.refunds).toEqual(after.refunds);
      expect(sandboxRefundCount() - refundsBefore).toBe(1);
    });

    it('the replaced attempt captured first: it does not pay the order, it is refunded, and the newer one pays', async () => {
      const { order, first, second } = await orderPaidTwice('early-first');
      const refundsBefore = sandboxRefundCount();
      await captureInSandbox(consumer, order, first);
      await h.pump();
      const between = await readOrder(consumer.id, order.id);
      expect(between.order.status).toBe('awaiting_payment');
      expect(statusOf(between.payments, first)?.status).toBe('refunded');
      expect(between.refunds[0]?.reason).toMatch(/newer payment replaced this one/);

      await captureInSandbox(consumer, order, second);
      await h.pump();
      await expectPaidOnceAndExtraRefunded(order, second, first, /newer payment replaced this one/);
      expect(sandboxRefundCount() - refundsBefore).toBe(1);
    });

    it('both captured at once: one pays, the other is refunded once', async () => {
      const { order, first, second } = await orderPaidTwice('together');
      const refundsBefore = sandboxRefundCount();
      await Promise.all([captureInSandbox(consumer, order, first), captureInSandbox(consumer, order, second), captureInSandbox(consumer, order, first)]);
      await h.pump();
      await expectPaidOnceAndExtraRefunded(order, second, first, /given back/);
      expect(sandboxRefundCount() - refundsBefore).toBe(1);
    });

    it('two attempts still both pending (started before voiding existed), captured at once: exactly one pays', async () => {
      const buyer = await newBuyer(consumer, 'legacy');
      const order = await placeTestOrder(h.demo, consumer, buyer, 'card');
      await h.pump();
      const [a, b] = await twoPendingAttempts(order);
      const refundsBefore = sandboxRefundCount();
      await Promise.all([captureInSandbox(consumer, order, a!.id), captureInSandbox(consumer, order, b!.id)]);
      await h.pump();
      const after = await readOrder(consumer.id, order.id);
      const payer = after.payments.find((p) => p.settlesOrder)!;
      const extra = after.payments.find((p) => !p.settlesOrder)!;
      expect(payer.status).toBe('captured');
      await expectPaidOnceAndExtraRefunded(order, payer.id, extra.id, /already paid with another payment/);
      expect(sandboxRefundCount() - refundsBefore).toBe(1);
    });

    it('the shop and the buyer see the extra payment and its refund', async () => {
      const { buyer, order, first, second } = await orderPaidTwice('shown');
      await captureInSandbox(consumer, order, second);
      await captureInSandbox(consumer, order, first);
      await h.pump();

      const shown = (await getShopOrder(consumer.id, order.number))!;
      expect(shown.refunds.map((r) => r.paymentId)).toEqual([first]);
      expect(shown.actions.refund).toBe(true);
      const extra = shown.events.find((e) => e.type === 'extra_payment_captured')!;
      expect(timelineLabel(extra.type)).toMatch(/Extra card payment captured/);
      expect(timelineDetail(extra.type, extra.details, order.currency)).toMatch(/the order was already paid/);
      const refunded = shown.events.find((e) => e.type === 'extra_payment_refunded')!;
      expect(timelineLabel(refunded.type)).toMatch(/refunded automatically/);

      const mine = (await getCustomerOrder(consumer.id, buyer.customer.id, order.number))!;
      expect(mine.refunds).toHaveLength(1);
      expect(mine.events.map((e) => e.type)).toEqual(expect.arrayContaining(['extra_payment_captured', 'extra_payment_refunded']));
    });

    it('a payment page left open after the order was paid takes no money', async () => {
      const buyer = await newBuyer(consumer, 'paid-tab');
      const order = await placeTestOrder(h.demo, consumer, buyer, 'card');
      await h.pump();
      // Two legacy attempts both pending: paying one voids the other.
      const [a, b] = await twoPendingAttempts(order);
      expect(await submitSandboxPayment(consumer.id, buyer.customer.id, a!.id, 'succeeded')).toMatchObject({ outcome: 'succeeded' });
      expect(await submitSandboxPayment(consumer.id, buyer.customer.id, b!.id, 'succeeded')).toMatchObject({ outcome: 'not_payable', status: 'voided' });
      await h.pump();
      const after = await readOrder(consumer.id, order.id);
      expect(after.refunds).toEqual([]);
      expect(after.payments.map((p) => p.status).sort()).toEqual(['captured', 'voided']);
    });
  });
});
