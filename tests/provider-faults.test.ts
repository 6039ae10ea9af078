import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Tenant } from '@/db/schema';
import { getShopOrder } from '@/lib/orders/order-detail';
import { requestOrderRefund } from '@/lib/orders/order-commands';
import { startEmailCaptureServer, type EmailCaptureServer, type ResendEmailBody } from './support/email-capture-server';
import { startFakePaymentProvider, type FakePaymentProvider } from './support/fake-payment-provider';
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
  type WorkflowHarness,
} from './support/workflow-harness';

/**
 * The payment and email providers misbehaving under the workflows: answers that never come (the refund
 * or the email done or not, nobody knows), 5xx, refusals, an outage longer than the retries. Refunds go
 * over HTTP to a fake remote provider and emails through the real Resend SDK to the capture server; both
 * keep their own books by Idempotency-Key, as the real ones do, so "once" is counted where the money
 * moves and the mail is delivered, not in our own tables.
 */

const remote = vi.hoisted(() => ({ url: '' }));
vi.mock('@/lib/payments/payment-providers', async (importOriginal) => {
  const { withRemoteRefunds } = await import('./support/fake-payment-provider');
  return withRemoteRefunds(await importOriginal(), () => remote.url);
});

/** Short, so a hung answer is given up on quickly; the fake answers hung requests far later. */
const TIMEOUT_MS = 300;
const HANG_MS = 5_000;

let h: WorkflowHarness;
let provider: FakePaymentProvider;
let consumer: Tenant;
let acme: Tenant;
let savedTimeout: string | undefined;

beforeAll(async () => {
  provider = await startFakePaymentProvider();
  remote.url = provider.url;
  savedTimeout = process.env.PAYMENT_PROVIDER_TIMEOUT_MS;
  process.env.PAYMENT_PROVIDER_TIMEOUT_MS = String(TIMEOUT_MS);
  h = await startWorkflowHarness();
  consumer = await tenantBySubdomain(h.demo, 'consumer');
  acme = await tenantBySubdomain(h.demo, 'acme');
}, 120_000);
afterAll(async () => {
  if (savedTimeout === undefined) delete process.env.PAYMENT_PROVIDER_TIMEOUT_MS;
  else process.env.PAYMENT_PROVIDER_TIMEOUT_MS = savedTimeout;
  await h?.close();
  await provider?.close();
});
beforeEach(async () => {
  h.executor.reset();
  provider.resetFaults();
  await setWarehouse(h.demo, consumer.id, 'succeed');
  await setWarehouse(h.demo, acme.id, 'succeed');
});

const owner = { email: 'owner@acme.test' };
const runsFor = (fnId: string, orderId: string) => h.executor.runsOf(fnId).filter((r) => (r.event.data as { orderId: string }).orderId === orderId);
/** Every attempt of one step, in order, as `outcome` or `outcome: message`. */
const attemptsOf = (fnId: string, orderId: string, step: string) =>
  runsFor(fnId, orderId).flatMap((r) => r.steps.filter((s) => s.id === step).map((s) => (s.error?.message ? `${s.outcome}: ${s.error.message}` : s.outcome)));

/** A paid card order at the shop, with the warehouse set to refuse it once the money is in. */
async function paidOrderTheWarehouseRefuses(tenant: Tenant, label: string) {
  await setWarehouse(h.demo, tenant.id, 'fail_permanently');
  const buyer = await newBuyer(tenant, label);
  const order = await placeTestOrder(h.demo, tenant, buyer, 'card');
  await h.pump();
  await payInSandbox(tenant, order);
  const [payment] = (await readOrder(tenant.id, order.id)).payments;
  return { buyer, order, paymentId: payment!.id };
}

/** A shipped card order at the shop. */
async function shippedOrder(tenant: Tenant, label: string) {
  const buyer = await newBuyer(tenant, label);
  const order = await placeTestOrder(h.demo, tenant, buyer, 'card');
  await h.pump();
  await payInSandbox(tenant, order);
  await h.pump();
  expect((await readOrder(tenant.id, order.id)).order.status).toBe('fulfilled');
  const [payment] = (await readOrder(tenant.id, order.id)).payments;
  return { buyer, order, paymentId: payment!.id };
}

describe('the warehouse refuses a paid order and the refund provider misbehaves', () => {
  it('a lost answer (performed), then a 503, then success: refunded once at the provider, one refund row, one email', async () => {
    const { buyer, order, paymentId } = await paidOrderTheWarehouseRefuses(consumer, 'refund-timeout');
    provider.hangNext(1, HANG_MS);
    provider.failNext(1, 503);
    await h.pump();

    expect(provider.requestsFor(paymentId).map((r) => [r.outcome, r.status, r.answerDelayMs])).toEqual([
      ['performed', 200, HANG_MS],
      ['failed', 503, undefined],
      ['replayed', 200, undefined],
    ]);
    expect(new Set(provider.requestsFor(paymentId).map((r) => r.key))).toEqual(new Set([`${consumer.id}:refund:fulfilment:${order.id}`]));
    expect(attemptsOf('order-workflow', order.id, 'refund-payment')).toEqual([
      `error: The payment provider (sandbox) did not answer within ${TIMEOUT_MS} ms.`,
      'error: The payment provider (sandbox) is unavailable (HTTP 503).',
      'ok',
    ]);
    const after = await readOrder(consumer.id, order.id);
    expect(after.order.status).toBe('refunded');
    expect(provider.refundsOf(paymentId)).toHaveLength(1);
    expect(after.refunds).toHaveLength(1);
    expect(after.refunds[0]!.providerRefundId).toBe(provider.refundsOf(paymentId)[0]!.id);
    expect(await emailsTo(consumer.id, buyer.customer.email)).toEqual(['order-confirmation', 'payment-received', 'order-refunded']);
  });
});

describe('the warehouse refuses a paid order and the refund cannot be made', () => {
  it('the provider down for every attempt: nothing refunded, nothing twice, and the shop sees “Refund failed” on the order', async () => {
    const { buyer, order, paymentId } = await paidOrderTheWarehouseRefuses(consumer, 'refund-outage');
    provider.failNext(50, 503);
    await h.pump();

    const attempts = attemptsOf('order-workflow', order.id, 'refund-payment');
    expect(attempts).toHaveLength(5);
    expect(new Set(attempts)).toEqual(
      new Set(['error: The payment provider (sandbox) is unavailable (HTTP 503).', 'failed: The payment provider (sandbox) is unavailable (HTTP 503).']),
    );
    expect(provider.requestsFor(paymentId)).toHaveLength(5);
    expect(provider.refundsOf(paymentId)).toEqual([]);
    const after = await readOrder(consumer.id, order.id);
    expect(after.refunds).toEqual([]);
    expect(after.payments.map((p) => p.status)).toEqual(['captured']);
    expect(after.order.status).toBe('fulfilling');
    expect(after.timeline).toEqual(['placed', 'payment_captured', 'fulfilment_requested', 'refund_failed']);
    const shown = await getShopOrder(consumer.id, order.number);
    expect(shown!.events.at(-1)).toMatchObject({ type: 'refund_failed', details: { detail: 'The payment provider (sandbox) is unavailable (HTTP 503).' } });
    expect(runsFor('order-workflow', order.id)[0]).toMatchObject({ status: 'completed', output: { outcome: 'refund_failed' } });
    expect(await emailsTo(consumer.id, buyer.customer.email)).toEqual(['order-confirmation', 'payment-received']);
  });

  it('a refusal (4xx) is not retried: one call, the reason on the order', async () => {
    const { order, paymentId } = await paidOrderTheWarehouseRefuses(consumer, 'refund-refused');
    provider.failNext(1, 402);
    await h.pump();

    expect(provider.requestsFor(paymentId).map((r) => r.status)).toEqual([402]);
    expect(attemptsOf('order-workflow', order.id, 'refund-payment')).toEqual([
      'failed: The payment provider (sandbox) refused the refund (HTTP 402, request_refused).',
    ]);
    const after = await readOrder(consumer.id, order.id);
    expect(after.refunds).toEqual([]);
    expect(after.timeline.at(-1)).toBe('refund_failed');
  });
});

describe('the shop refunds an order in the dashboard and the provider misbehaves', () => {
  it('5xx twice, then success: refunded once at the provider, one refund row, one email, the failed attempts in the run', async () => {
    const { buyer, order, paymentId } = await shippedOrder(acme, 'manual-5xx');
    await requestOrderRefund(acme, owner, order.id, { reason: 'Returned unused.' });
    provider.failNext(1, 500);
    provider.failNext(1, 502);
    await h.pump();

    expect(attemptsOf('refund-order', order.id, 'refund-payment')).toEqual([
      'error: The payment provider (sandbox) is unavailable (HTTP 500).',
      'error: The payment provider (sandbox) is unavailable (HTTP 502).',
      'ok',
    ]);
    expect(provider.requestsFor(paymentId).map((r) => [r.status, r.outcome])).toEqual([
      [500, 'failed'],
      [502, 'failed'],
      [200, 'performed'],
    ]);
    expect(provider.refundsOf(paymentId)).toHaveLength(1);
    const after = await readOrder(acme.id, order.id);
    expect(after.order.status).toBe('refunded');
    expect(after.refunds).toHaveLength(1);
    expect(after.refunds[0]).toMatchObject({ idempotencyKey: `refund:manual:${order.id}`, providerRefundId: provider.refundsOf(paymentId)[0]!.id });
    expect(after.timeline.slice(-2)).toEqual(['refund_requested', 'refunded']);
    expect(await emailsTo(acme.id, buyer.customer.email)).toEqual(['order-confirmation', 'payment-received', 'order-shipped', 'order-refunded']);
  });

  it('the provider down for every attempt: five calls, nothing refunded, “Refund failed”, and the shop may ask again', async () => {
    const { order, paymentId } = await shippedOrder(acme, 'manual-outage');
    await requestOrderRefund(acme, owner, order.id, { reason: 'Returned unused.' });
    provider.failNext(50, 503);
    await h.pump();

    expect(provider.requestsFor(paymentId)).toHaveLength(5);
    expect(provider.refundsOf(paymentId)).toEqual([]);
    expect(runsFor('refund-order', order.id)[0]?.status).toBe('failed');
    const after = await readOrder(acme.id, order.id);
    expect(after.refunds).toEqual([]);
    expect(after.order.status).toBe('fulfilled');
    expect(after.timeline.slice(-2)).toEqual(['refund_requested', 'refund_failed']);
    expect((await getShopOrder(acme.id, order.number))!.actions).toMatchObject({ refundPending: false, refund: true });

    // The provider is back; the shop asks again, under the same key: refunded once.
    provider.resetFaults();
    await requestOrderRefund(acme, owner, order.id, { reason: 'Returned unused.' });
    await h.pump();
    expect(provider.refundsOf(paymentId)).toHaveLength(1);
    expect((await readOrder(acme.id, order.id)).order.status).toBe('refunded');
  });

  it('a payment already refunded at the provider (400) is one call, “Refund failed” with the reason, and the refund button is back', async () => {
    const { order, paymentId } = await shippedOrder(acme, 'manual-refused');
    // Someone refunded it in the provider's own dashboard, under a key the platform never saw.
    await fetch(`${provider.url}/v1/refunds`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${(await import('./support/fake-payment-provider')).FAKE_PROVIDER_SECRET}`,
        'content-type': 'application/json',
        'idempotency-key': 'provider-dashboard-1',
      },
      body: JSON.stringify({ payment: paymentId, amount_cents: order.grossCents }),
    });
    await requestOrderRefund(acme, owner, order.id, { reason: 'Returned unused.' });
    await h.pump();

    expect(provider.requestsFor(paymentId).map((r) => [r.status, r.outcome])).toEqual([
      [200, 'performed'],
      [400, 'refused'],
    ]);
    expect(attemptsOf('refund-order', order.id, 'refund-payment')).toEqual([
      'failed: The payment provider (sandbox) refused the refund (HTTP 400, charge_already_refunded).',
    ]);
    const after = await readOrder(acme.id, order.id);
    expect(after.refunds).toEqual([]);
    expect(after.order.status).toBe('fulfilled');
    expect(after.timeline.slice(-2)).toEqual(['refund_requested', 'refund_failed']);
    const shown = await getShopOrder(acme.id, order.number);
    expect(shown!.actions).toMatchObject({ refundPending: false, refund: true });
  });
});

describe('a payment that arrives after the order was cancelled, with the provider down', () => {
  it('is not kept silently: nothing refunded twice, and “Refund failed” on the cancelled order', async () => {
    const buyer = await newBuyer(consumer, 'late-outage');
    const order = await placeTestOrder(h.demo, consumer, buyer, 'card');
    const { paymentId } = await startOrderPayment(consumer, order.id);
    await h.pump();
    await h.executor.advanceTime(24 * 60 * 60_000);
    await h.pump();
    expect((await readOrder(consumer.id, order.id)).order.status).toBe('cancelled');

    provider.failNext(50, 504);
    await captureInSandbox(consumer, order, paymentId);
    await h.pump();
    const [payment] = (await readOrder(consumer.id, order.id)).payments;
    expect(provider.requestsFor(payment!.id)).toHaveLength(5);
    expect(provider.refundsOf(payment!.id)).toEqual([]);
    const after = await readOrder(consumer.id, order.id);
    expect(after.refunds).toEqual([]);
    expect(after.timeline.at(-1)).toBe('refund_failed');
    expect(runsFor('refund-late-payment', order.id)[0]).toMatchObject({ status: 'completed', output: { refunded: false } });
    expect(await emailsTo(consumer.id, buyer.customer.email)).toEqual(['order-confirmation', 'order-cancelled']);
  });
});

describe('the email provider misbehaves while the order is confirmed', () => {
  const ENV_KEYS = ['RESEND_API_KEY', 'RESEND_BASE_URL', 'EMAIL_SEND_TIMEOUT_MS'] as const;
  let saved: Partial<Record<(typeof ENV_KEYS)[number], string>>;
  let mail: EmailCaptureServer;

  beforeAll(async () => {
    mail = await startEmailCaptureServer();
    saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
    Object.assign(process.env, { RESEND_API_KEY: 're_test_provider_faults', RESEND_BASE_URL: mail.url, EMAIL_SEND_TIMEOUT_MS: String(TIMEOUT_MS) });
  });
  afterAll(async () => {
    for (const key of ENV_KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    await mail?.close();
  });

  it('a lost answer, then a 503, then success: the buyer gets exactly one confirmation email', async () => {
    const buyer = await newBuyer(acme, 'mail-faults');
    const order = await placeTestOrder(h.demo, acme, buyer, 'invoice');
    // The first send is delivered but answered too late; the second meets an outage; the third is answered from the key.
    mail.hangNext(1, HANG_MS);
    mail.failNext(1, 503);
    await h.pump();

    expect(attemptsOf('order-workflow', order.id, 'email-order-confirmation')).toEqual([
      'error: The email could not be sent. Please try again.',
      'error: The email could not be sent. Please try again.',
      'ok',
    ]);
    const confirmationKey = `${acme.id}:order-confirmation:${order.id}`;
    const sends = mail.requests.filter((r) => r.headers['idempotency-key'] === confirmationKey);
    expect(sends.map((r) => [r.status, r.replayed ?? false, r.answerDelayMs])).toEqual([
      [200, false, HANG_MS],
      [503, false, undefined],
      [200, true, undefined],
    ]);
    const delivered = mail.messages.filter((m) => m.headers['idempotency-key'] === confirmationKey);
    expect(delivered).toHaveLength(1);
    expect((delivered[0]!.body as ResendEmailBody).to).toBe(buyer.customer.email);
    expect((await emailsTo(acme.id, buyer.customer.email)).filter((t) => t === 'order-confirmation')).toHaveLength(1);
    // The shop's owner, emailed in the same step after the buyer, once as well.
    expect(mail.messages.filter((m) => String(m.headers['idempotency-key']).startsWith(`${acme.id}:owner-placed:${order.id}:`))).toHaveLength(1);
  });

  it('the email provider down past every retry of the confirmation: the order still ships, and the shop is told which email is missing', async () => {
    const buyer = await newBuyer(acme, 'mail-outage');
    const order = await placeTestOrder(h.demo, acme, buyer, 'invoice');
    // Five attempts (the step's retries), each stopped by the first send: the buyer's confirmation.
    mail.failNext(5, 503);
    await h.pump();
    mail.resetFaults();

    expect(attemptsOf('order-workflow', order.id, 'email-order-confirmation')).toHaveLength(5);
    expect(attemptsOf('order-workflow', order.id, 'email-order-confirmation').every((a) => a.startsWith('error') || a.startsWith('failed'))).toBe(true);
    const after = await readOrder(acme.id, order.id);
    // The order was not held hostage by its email: it went to the warehouse and shipped.
    expect(after.order.status).toBe('fulfilled');
    expect(after.shipments).toHaveLength(1);
    expect(after.timeline.filter((t) => t === 'email_failed')).toEqual(['email_failed']);
    const templates = await emailsTo(acme.id, buyer.customer.email);
    expect(templates).not.toContain('order-confirmation');
    expect(templates.filter((t) => t === 'order-shipped')).toHaveLength(1);
    const [run] = runsFor('order-workflow', order.id);
    expect(run).toMatchObject({ status: 'completed', output: { outcome: 'shipped' } });
  });

  it('the email provider down after the shop’s refund went through: refunded once, and not reported as a failed refund', async () => {
    const { order, paymentId } = await shippedOrder(acme, 'mail-after-refund');
    await requestOrderRefund(acme, owner, order.id, { reason: 'Returned unused.' });
    mail.failNext(50, 503);
    await h.pump();
    mail.resetFaults();

    expect(attemptsOf('refund-order', order.id, 'email-order-refunded')).toHaveLength(5);
    expect(provider.refundsOf(paymentId)).toHaveLength(1);
    const after = await readOrder(acme.id, order.id);
    expect(after.order.status).toBe('refunded');
    expect(after.refunds).toHaveLength(1);
    // The refund stands; the missing email is what the shop is told about, not a failed refund.
    expect(after.timeline.slice(-3)).toEqual(['refund_requested', 'refunded', 'email_failed']);
  });
});
