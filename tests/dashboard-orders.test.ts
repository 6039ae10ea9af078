import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { articles, auditLog, couponRedemptions, coupons, loyaltyLedger, type Customer, type Tenant } from '@/db/schema';
import { addToCart } from '@/lib/cart/cart-service';
import { getShopOrder } from '@/lib/orders/order-detail';
import { cancelOrderByShop, markInvoicePaid, requestOrderRefund } from '@/lib/orders/order-commands';
import { parseOrderFilters } from '@/lib/orders/order-filters';
import { listShopOrders } from '@/lib/orders/order-list';
import { isAppError } from '@/lib/errors';
import { pointsEarnedFor } from '@/lib/loyalty/loyalty';
import { placeOrder } from '@/lib/orders/place-order';
import { sandboxRefundCount } from '@/lib/payments/sandbox-provider';
import { startOrderPayment } from '@/lib/payments/start-order-payment';
import { withTenant } from '@/lib/tenancy/with-tenant';
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
 * The dashboard's order actions against a real database and the app's real `/api/inngest` handler: each
 * action only records the change and announces it, and the workflow's functions do the rest (emails,
 * refunds), so the assertions pump the outbox through the test executor before looking at the outcome.
 */

let h: WorkflowHarness;
let acme: Tenant;
let consumer: Tenant;
const owner = { email: 'owner@acme.test' };

beforeAll(async () => {
  h = await startWorkflowHarness();
  acme = await tenantBySubdomain(h.demo, 'acme');
  consumer = await tenantBySubdomain(h.demo, 'consumer');
}, 120_000);
afterAll(async () => h?.close());
beforeEach(async () => {
  h.executor.reset();
  await setWarehouse(h.demo, acme.id, 'succeed');
});

/** Rejects with an AppError of this code. */
async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(error) ? error.code : error).toBe(code);
}

type Buyer = { customer: Customer; addressId: string };

/** One in-stock article the shop shows, with a reference and (optionally) a coupon, through checkout. */
async function placeWith(tenant: Tenant, buyer: Buyer, paymentMethod: 'card' | 'invoice', extra: { couponCode?: string; customerReference?: string }) {
  const candidates = await h.demo.db.select({ id: articles.id, stock: articles.stock }).from(articles).orderBy(articles.id).limit(200);
  for (const article of candidates) {
    if (article.stock <= 0) continue;
    try {
      await addToCart(tenant, buyer.customer, article.id, 1);
      break;
    } catch {
      // Not visible at this shop.
    }
  }
  return placeOrder(tenant, buyer.customer, { addressId: buyer.addressId, paymentMethod, idempotencyKey: `dash-${crypto.randomUUID()}`, ...extra });
}

describe('dashboard orders: list', () => {
  it('filters by status and payment method, searches number, name, email and reference, newest first, with counts and totals', async () => {
    const tag = `lister${Date.now()}`;
    const buyer = await newBuyer(acme, tag);
    const first = await placeWith(acme, buyer, 'card', { customerReference: `PO-${tag}` });
    const second = await placeTestOrder(h.demo, acme, buyer, 'invoice');
    const other = await placeTestOrder(h.demo, acme, await newBuyer(acme, `other${Date.now()}`), 'card');

    const mine = await listShopOrders(acme, parseOrderFilters({ q: buyer.customer.email }));
    expect(mine.rows.map((r) => r.number)).toEqual([second.number, first.number]);
    expect(mine.total).toEqual({ orders: 2, grossCents: first.grossCents + second.grossCents, currency: 'EUR' });
    expect(mine.statusCounts.awaiting_payment).toBe(2);

    const invoices = await listShopOrders(acme, parseOrderFilters({ q: buyer.customer.email.toUpperCase(), method: 'invoice' }));
    expect(invoices.rows.map((r) => r.id)).toEqual([second.id]);
    expect((await listShopOrders(acme, parseOrderFilters({ q: buyer.customer.email, status: 'paid' }))).rows).toEqual([]);
    expect((await listShopOrders(acme, parseOrderFilters({ q: `Buyer ${tag}` }))).total.orders).toBe(2);
    expect((await listShopOrders(acme, parseOrderFilters({ q: `po-${tag}` }))).rows.map((r) => r.id)).toEqual([first.id]);
    expect((await listShopOrders(acme, parseOrderFilters({ q: `#${other.number}` }))).rows.map((r) => r.id)).toContain(other.id);
    // A wildcard typed into the search is a character, not "everything".
    expect((await listShopOrders(acme, parseOrderFilters({ q: '%' }))).total.orders).toBe(0);

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date(Date.now() + 86_400_000));
    expect((await listShopOrders(acme, parseOrderFilters({ q: buyer.customer.email, from: today, to: today }))).total.orders).toBe(2);
    expect((await listShopOrders(acme, parseOrderFilters({ q: buyer.customer.email, from: tomorrow }))).total.orders).toBe(0);
    // Another shop's list never holds this shop's orders.
    expect((await listShopOrders(consumer, parseOrderFilters({ q: buyer.customer.email }))).total.orders).toBe(0);
    // Nonsense in the URL is ignored, not an error.
    expect(parseOrderFilters({ status: 'bogus', page: '-3', from: '2026-13-45' })).toEqual({ page: 1 });
  });
});

describe('dashboard orders: cancel before payment', () => {
  it('cancels an unpaid card order: coupon given back, buyer emailed once, the workflow stops, and a late payment is refunded', async () => {
    const code = `SHOP${Date.now()}`;
    await withTenant(acme.id, (tx) => tx.insert(coupons).values({ tenantId: acme.id, code, kind: 'percent', percentBp: 500 }));
    const buyer = await newBuyer(acme, 'cancel');
    const order = await placeWith(acme, buyer, 'card', { couponCode: code });
    expect(order.couponCode).toBe(code);
    // The buyer opened the payment page before the shop cancelled: that page takes no money any more.
    const { paymentId } = await startOrderPayment(acme, order.id);
    await h.pump();

    await cancelOrderByShop(acme, owner, order.id);
    const after = await readOrder(acme.id, order.id);
    expect(after.order.status).toBe('cancelled');
    expect(after.timeline).toEqual(['placed', 'cancelled']);
    const redemptions = await withTenant(acme.id, (tx) => tx.select().from(couponRedemptions).where(eq(couponRedemptions.orderId, order.id)));
    expect(redemptions).toEqual([]);
    const audit = await withTenant(acme.id, (tx) => tx.select().from(auditLog).where(eq(auditLog.action, 'order.cancelled')));
    expect(audit.find((a) => a.details?.orderId === order.id)).toMatchObject({ actor: 'owner@acme.test' });
    const detail = await getShopOrder(acme.id, order.number);
    expect(detail!.events.at(-1)!.details).toMatchObject({ reason: 'cancelled_by_shop', by: 'owner@acme.test' });
    expect(detail!.actions).toMatchObject({ cancel: false, refund: false, markInvoicePaid: false });

    await h.pump();
    await h.pump();
    expect(await emailsTo(acme.id, buyer.customer.email)).toEqual(['order-confirmation', 'order-cancelled']);
    expect(h.executor.runsOf('notify-order-cancelled').map((r) => r.status)).toEqual(['completed']);
    await expectAppError(cancelOrderByShop(acme, owner, order.id), 'CONFLICT');

    // The workflow's wait runs out, finds the order cancelled, and stops without a second email.
    await h.executor.advanceTime(24 * 60 * 60_000);
    await h.pump();
    const run = h.executor.runsOf('order-workflow').find((r) => (r.event.data as { orderId: string }).orderId === order.id);
    expect(run?.output).toMatchObject({ outcome: 'stopped', status: 'cancelled' });

    const refundsBefore = sandboxRefundCount();
    // The provider captures it all the same.
    await captureInSandbox(acme, order, paymentId);
    await h.pump();
    const paidLate = await readOrder(acme.id, order.id);
    expect(paidLate.order.status).toBe('cancelled');
    expect(paidLate.refunds).toHaveLength(1);
    expect(sandboxRefundCount() - refundsBefore).toBe(1);
    expect(await emailsTo(acme.id, buyer.customer.email)).toEqual(['order-confirmation', 'order-cancelled', 'order-refunded']);
  });

  it('refuses to cancel an order that has been paid', async () => {
    const buyer = await newBuyer(acme, 'paid');
    const order = await placeTestOrder(h.demo, acme, buyer, 'card');
    await h.pump();
    await payInSandbox(acme, order);
    await h.pump();
    const before = await readOrder(acme.id, order.id);
    expect(before.order.status).toBe('fulfilled');
    await expectAppError(cancelOrderByShop(acme, owner, order.id), 'CONFLICT');
    expect(await readOrder(acme.id, order.id)).toEqual(before);
  });
});

describe('dashboard orders: mark an invoice paid', () => {
  it('records one invoice payment, earns the points, emails a receipt and leaves the status to the workflow', async () => {
    const buyer = await newBuyer(acme, 'invoice-paid');
    const order = await placeTestOrder(h.demo, acme, buyer, 'invoice');
    await h.pump();
    expect((await readOrder(acme.id, order.id)).order.status).toBe('fulfilled');

    // Two clicks at once: the order lock lets exactly one through.
    const attempts = await Promise.allSettled([markInvoicePaid(acme, owner, order.id), markInvoicePaid(acme, owner, order.id)]);
    expect(attempts.map((a) => a.status).sort()).toEqual(['fulfilled', 'rejected']);
    await expectAppError(markInvoicePaid(acme, owner, order.id), 'CONFLICT');

    const after = await readOrder(acme.id, order.id);
    expect(after.order.status).toBe('fulfilled');
    expect(after.payments).toHaveLength(1);
    expect(after.payments[0]).toMatchObject({ provider: 'invoice', status: 'captured', amountCents: order.grossCents });
    expect(after.timeline).toEqual(['placed', 'fulfilment_requested', 'shipped', 'invoice_paid']);
    const points = await withTenant(acme.id, (tx) =>
      tx
        .select()
        .from(loyaltyLedger)
        .where(and(eq(loyaltyLedger.orderId, order.id), eq(loyaltyLedger.reason, 'earned'))),
    );
    expect(points.map((p) => p.points)).toEqual([pointsEarnedFor(order.netCents)]);

    await h.pump();
    expect(await emailsTo(acme.id, buyer.customer.email)).toEqual(['order-confirmation', 'order-shipped', 'payment-received']);
    expect((await getShopOrder(acme.id, order.number))!.actions.markInvoicePaid).toBe(false);
  });

  it('refuses card orders', async () => {
    const order = await placeTestOrder(h.demo, acme, await newBuyer(acme, 'card-not-invoice'), 'card');
    await expectAppError(markInvoicePaid(acme, owner, order.id), 'CONFLICT');
    expect((await readOrder(acme.id, order.id)).payments).toEqual([]);
  });
});

describe('dashboard orders: refund', () => {
  it('refunds a shipped card order through the refund-order function: one refund, refunded, buyer emailed', async () => {
    const buyer = await newBuyer(acme, 'refund');
    const order = await placeTestOrder(h.demo, acme, buyer, 'card');
    await h.pump();
    await payInSandbox(acme, order);
    await h.pump();
    expect((await readOrder(acme.id, order.id)).order.status).toBe('fulfilled');
    expect((await getShopOrder(acme.id, order.number))!.actions.refund).toBe(true);

    await expectAppError(requestOrderRefund(acme, owner, order.id, { reason: '  ' }), 'VALIDATION_FAILED');
    await expectAppError(requestOrderRefund(acme, owner, order.id, { reason: 'x'.repeat(201) }), 'VALIDATION_FAILED');
    await requestOrderRefund(acme, owner, order.id, { reason: 'The tyres came back unused.' });
    const pending = await getShopOrder(acme.id, order.number);
    expect(pending!.actions).toMatchObject({ refundPending: true, refund: false });
    await expectAppError(requestOrderRefund(acme, owner, order.id, { reason: 'Again' }), 'CONFLICT');

    const refundsBefore = sandboxRefundCount();
    await h.pump();
    const after = await readOrder(acme.id, order.id);
    expect(after.order.status).toBe('refunded');
    expect(after.refunds).toHaveLength(1);
    expect(after.refunds[0]).toMatchObject({
      amountCents: order.grossCents,
      reason: 'The tyres came back unused.',
      idempotencyKey: `refund:manual:${order.id}`,
    });
    expect(after.payments.map((p) => p.status)).toEqual(['refunded']);
    expect(sandboxRefundCount() - refundsBefore).toBe(1);
    expect(after.timeline.slice(-2)).toEqual(['refund_requested', 'refunded']);
    expect(await emailsTo(acme.id, buyer.customer.email)).toEqual(['order-confirmation', 'payment-received', 'order-shipped', 'order-refunded']);
    const reversed = await withTenant(acme.id, (tx) =>
      tx
        .select()
        .from(loyaltyLedger)
        .where(and(eq(loyaltyLedger.orderId, order.id), eq(loyaltyLedger.reason, 'reversed'))),
    );
    expect(reversed).toHaveLength(1);
    const done = await getShopOrder(acme.id, order.number);
    expect(done!.actions).toMatchObject({ refundPending: false, refund: false, cancel: false });

    // The event delivered again refunds nothing twice.
    const [run] = h.executor.runsOf('refund-order');
    await h.executor.send({ ...run!.event, id: `${run!.event.id}-again` });
    await h.executor.settle();
    expect((await readOrder(acme.id, order.id)).refunds).toHaveLength(1);
    expect(sandboxRefundCount() - refundsBefore).toBe(1);
  });

  it('refuses an order that was never paid', async () => {
    const order = await placeTestOrder(h.demo, acme, await newBuyer(acme, 'unpaid-refund'), 'card');
    await expectAppError(requestOrderRefund(acme, owner, order.id, { reason: 'No' }), 'CONFLICT');
  });
});

describe('dashboard orders: tenant isolation', () => {
  it('an action naming another shop’s order finds nothing and changes nothing', async () => {
    const buyer = await newBuyer(consumer, 'elsewhere');
    const theirs = await placeTestOrder(h.demo, consumer, buyer, 'card');
    const before = await readOrder(consumer.id, theirs.id);

    await expectAppError(cancelOrderByShop(acme, owner, theirs.id), 'NOT_FOUND');
    await expectAppError(markInvoicePaid(acme, owner, theirs.id), 'NOT_FOUND');
    await expectAppError(requestOrderRefund(acme, owner, theirs.id, { reason: 'Not yours' }), 'NOT_FOUND');
    await expectAppError(cancelOrderByShop(acme, owner, 'not-a-uuid'), 'NOT_FOUND');
    // The same number at this shop is this shop's own order, if any, never theirs.
    const sameNumber = await getShopOrder(acme.id, theirs.number);
    expect(sameNumber?.order.id).not.toBe(theirs.id);
    expect(await readOrder(consumer.id, theirs.id)).toEqual(before);
  });
});
