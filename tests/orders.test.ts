import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles, brands, coupons, orders, outbox, tenants, type Customer, type Tenant } from '@/db/schema';
import { DEMO_CUSTOMER } from '@/db/seed/seed-demo';
import { addToCart, loadCart } from '@/lib/cart/cart-service';
import { addAddress } from '@/lib/customers/addresses';
import { findCustomerByEmail } from '@/lib/customers/customer-repository';
import { isAppError } from '@/lib/errors';
import { getCustomerOrder, listCustomerOrders } from '@/lib/orders/customer-orders';
import { placeOrder } from '@/lib/orders/place-order';
import { recordingPublisher } from '@/lib/outbox/publisher';
import { relayOutbox } from '@/lib/outbox/relay';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

let demo: DemoCatalog;
let acme: Tenant;
let buyer: Customer;
let addressId: string;

async function michelin(offset: number) {
  const rows = await demo.db
    .select({ id: articles.id, stock: articles.stock, name: articles.name })
    .from(articles)
    .innerJoin(brands, eq(brands.id, articles.brandId))
    .where(eq(brands.slug, 'michelin'))
    .orderBy(articles.id);
  return rows.filter((r) => r.stock >= 4).at(-1 - offset)!;
}

const key = () => `checkout-${crypto.randomUUID()}`;

beforeAll(async () => {
  demo = await seedDemoForTest({ dedicated: ['bigcorp'] });
  acme = (await demo.db.select().from(tenants).where(eq(tenants.subdomain, 'acme')))[0]!;
  buyer = (await withTenant(acme.id, (tx) => findCustomerByEmail(tx, DEMO_CUSTOMER.email)))!;
  addressId = (
    await withTenant(acme.id, (tx) =>
      addAddress(tx, acme.id, buyer.id, { recipient: 'Demo Garage', line1: 'Kerkstraat 1', postalCode: '2000', city: 'Antwerpen', countryCode: 'BE' }),
    )
  ).id;
});
afterAll(async () => demo.cleanup());

describe('placing an order', () => {
  it('snapshots the cart into an order with per-tenant numbering, an outbox row, and an empty cart', async () => {
    const article = await michelin(0);
    await addToCart(acme, buyer, article.id, 4);
    const { totals } = await loadCart(acme, buyer);
    const order = await placeOrder(acme, buyer, { addressId, paymentMethod: 'invoice', idempotencyKey: key() });
    expect(order).toMatchObject({ number: 1, status: 'awaiting_payment', vatTreatment: 'domestic', netCents: totals.netCents, grossCents: totals.grossCents });
    const detail = (await getCustomerOrder(acme.id, buyer.id, 1))!;
    expect(detail.lines.map((l) => [l.name, l.quantity])).toEqual([[article.name, 4]]);
    expect(detail.events.map((e) => e.type)).toEqual(['placed']);
    const events = await withTenant(acme.id, (tx) =>
      tx
        .select()
        .from(outbox)
        .where(eq(outbox.eventId, `order-placed:${order.id}`)),
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ tenantId: acme.id, orderId: order.id, plan: acme.plan });
    expect((await loadCart(acme, buyer)).lines).toEqual([]);
    // No engine has taken the order yet: its page says it is awaiting processing, until the relay sent it.
    expect(detail.awaitingProcessing).toBe(true);
    await relayOutbox({ publisher: recordingPublisher() });
    expect((await getCustomerOrder(acme.id, buyer.id, 1))!.awaitingProcessing).toBe(false);
  });

  it('makes one order of a double submit', async () => {
    await addToCart(acme, buyer, (await michelin(1)).id, 1);
    const idempotencyKey = key();
    const [a, b] = await Promise.all([
      placeOrder(acme, buyer, { addressId, paymentMethod: 'invoice', idempotencyKey }),
      placeOrder(acme, buyer, { addressId, paymentMethod: 'invoice', idempotencyKey }),
    ]);
    expect(a.id).toBe(b.id);
    expect((await listCustomerOrders(acme.id, buyer.id)).total).toBe(2);
  });

  it('makes one order of one cart even when two checkout pages submit it at once', async () => {
    await addToCart(acme, buyer, (await michelin(6)).id, 1);
    const before = (await listCustomerOrders(acme.id, buyer.id)).total;
    const results = await Promise.allSettled([
      placeOrder(acme, buyer, { addressId, paymentMethod: 'invoice', idempotencyKey: key() }),
      placeOrder(acme, buyer, { addressId, paymentMethod: 'invoice', idempotencyKey: key() }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await listCustomerOrders(acme.id, buyer.id)).total).toBe(before + 1);
  });

  it('refuses an empty cart, an unknown address and a payment method the shop does not offer', async () => {
    const code = async (input: Record<string, unknown>) =>
      (await placeOrder(acme, buyer, { addressId, paymentMethod: 'invoice', idempotencyKey: key(), ...input }).catch((e: unknown) => e)) as unknown;
    expect(isAppError(await code({}), 'VALIDATION_FAILED')).toBe(true);
    await addToCart(acme, buyer, (await michelin(2)).id, 1);
    expect(isAppError(await code({ addressId: crypto.randomUUID() }), 'VALIDATION_FAILED')).toBe(true);
    expect(isAppError(await code({ paymentMethod: 'cheque' }), 'VALIDATION_FAILED')).toBe(true);
  });

  it('refuses a customer who may not order, on the server', async () => {
    const pending = { ...buyer, status: 'pending_approval' as const };
    const error = await placeOrder(acme, pending, { addressId, paymentMethod: 'invoice', idempotencyKey: key() }).catch((e: unknown) => e);
    expect(isAppError(error, 'ACCOUNT_PENDING')).toBe(true);
  });

  it("never shows one customer's or shop's orders to another", async () => {
    const atraxion = (await demo.db.select().from(tenants).where(eq(tenants.subdomain, 'atraxion')))[0]!;
    expect((await listCustomerOrders(atraxion.id, buyer.id)).total).toBe(0);
    expect(await getCustomerOrder(atraxion.id, buyer.id, 1)).toBeNull();
    expect(await getCustomerOrder(acme.id, crypto.randomUUID(), 1)).toBeNull();
  });
});

describe('coupons at checkout', () => {
  it('takes a percentage coupon off the order, and refuses it below its minimum', async () => {
    await addToCart(acme, buyer, (await michelin(3)).id, 2);
    const { totals } = await loadCart(acme, buyer);
    await withTenant(acme.id, (tx) =>
      tx.insert(coupons).values([
        { tenantId: acme.id, code: 'TOOSMALL', kind: 'percent', percentBp: 1_000, minOrderNetCents: totals.netCents + 1 },
        { tenantId: acme.id, code: 'TENOFF', kind: 'percent', percentBp: 1_000, minOrderNetCents: totals.netCents },
      ]),
    );
    const refused = await placeOrder(acme, buyer, { addressId, paymentMethod: 'invoice', idempotencyKey: key(), couponCode: 'toosmall' }).catch(
      (e: unknown) => e,
    );
    expect((refused as { message: string }).message).toMatch(/needs an order of at least/);
    const order = await placeOrder(acme, buyer, { addressId, paymentMethod: 'invoice', idempotencyKey: key(), couponCode: ' tenoff ' });
    const discount = Math.floor((totals.netCents * 1_000 * 2 + 10_000) / 20_000);
    expect(order).toMatchObject({ couponCode: 'TENOFF', discountNetCents: discount, netCents: totals.netCents - discount });
    expect(order.vatCents).toBe(Math.floor(((totals.netCents - discount) * 2_100 * 2 + 10_000) / 20_000));
  });

  it('refuses an unknown code and leaves the cart untouched', async () => {
    await addToCart(acme, buyer, (await michelin(4)).id, 1);
    const before = (await loadCart(acme, buyer)).lines.length;
    const error = await placeOrder(acme, buyer, { addressId, paymentMethod: 'invoice', idempotencyKey: key(), couponCode: 'NOPE' }).catch((e: unknown) => e);
    expect(isAppError(error, 'VALIDATION_FAILED')).toBe(true);
    expect((await loadCart(acme, buyer)).lines.length).toBe(before);
  });

  it("does not accept another shop's coupon", async () => {
    const error = await placeOrder(acme, buyer, { addressId, paymentMethod: 'invoice', idempotencyKey: key(), couponCode: 'WELCOME5' }).catch(
      (e: unknown) => e,
    );
    expect((error as { details: { fieldErrors: Record<string, string> } }).details.fieldErrors.couponCode).toMatch(/not valid in this shop/);
  });

  it('lets a single-use coupon be redeemed once, even by two orders at the same moment', async () => {
    await withTenant(acme.id, (tx) => tx.insert(coupons).values({ tenantId: acme.id, code: 'ONLYONE', kind: 'fixed', amountCents: 100, maxRedemptions: 1 }));
    await addToCart(acme, buyer, (await michelin(5)).id, 1);
    const results = await Promise.allSettled([
      placeOrder(acme, buyer, { addressId, paymentMethod: 'invoice', idempotencyKey: key(), couponCode: 'ONLYONE' }),
      placeOrder(acme, buyer, { addressId, paymentMethod: 'invoice', idempotencyKey: key(), couponCode: 'ONLYONE' }),
    ]);
    const redeemed = await withTenant(acme.id, (tx) => tx.select().from(orders).where(eq(orders.couponCode, 'ONLYONE')));
    expect(redeemed).toHaveLength(1);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});
