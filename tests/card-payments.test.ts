import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles, brands, orderEvents, orders, outbox, payments, tenants, type Customer, type Tenant } from '@/db/schema';
import { addToCart } from '@/lib/cart/cart-service';
import { addAddress } from '@/lib/customers/addresses';
import { isAppError } from '@/lib/errors';
import { loyaltyBalance, pointsEarnedFor } from '@/lib/loyalty/loyalty';
import { placeOrder } from '@/lib/orders/place-order';
import { completeSandboxPayment, findSandboxPayment } from '@/lib/payments/submit-sandbox-payment';
import { startOrderPayment } from '@/lib/payments/start-order-payment';
import { registerCustomer } from '@/lib/registration/register-customer';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

let demo: DemoCatalog;
let consumer: Tenant;
let buyer: Customer;
let addressId: string;
let articleIds: number[];

async function cardOrder() {
  await addToCart(consumer, buyer, articleIds.pop()!, 1);
  const order = await placeOrder(consumer, buyer, { addressId, paymentMethod: 'card', idempotencyKey: `card-${crypto.randomUUID()}` });
  const { paymentId } = await startOrderPayment(consumer, order.id);
  const found = (await findSandboxPayment(consumer.id, buyer.id, paymentId))!;
  return { order, payment: found.payment };
}

const readOrder = (id: string) =>
  withTenant(consumer.id, async (tx) => ({
    order: (await tx.select().from(orders).where(eq(orders.id, id)))[0]!,
    events: (await tx.select().from(orderEvents).where(eq(orderEvents.orderId, id))).map((e) => e.type).sort(),
    payments: await tx.select().from(payments).where(eq(payments.orderId, id)),
    announced: await tx.select().from(outbox).where(eq(outbox.eventName, 'shop/payment.captured')),
  }));

beforeAll(async () => {
  demo = await seedDemoForTest();
  consumer = (await demo.db.select().from(tenants).where(eq(tenants.subdomain, 'consumer')))[0]!;
  buyer = (
    await registerCustomer(consumer, { name: 'Card Cas', email: 'cas@example.test', password: 'correct horse battery', countryCode: 'BE' }, { registry: null })
  ).customer;
  addressId = (
    await withTenant(consumer.id, (tx) =>
      addAddress(tx, consumer.id, buyer.id, { recipient: 'Cas', line1: 'Meir 1', postalCode: '2000', city: 'Antwerpen', countryCode: 'BE' }),
    )
  ).id;
  const rows = await demo.db
    .select({ id: articles.id })
    .from(articles)
    .innerJoin(brands, eq(brands.id, articles.brandId))
    .where(eq(articles.kind, 'tyre'))
    .orderBy(articles.id);
  articleIds = rows.map((r) => r.id).slice(0, 40);
  const inStock = await demo.db.select({ id: articles.id, stock: articles.stock }).from(articles);
  const stock = new Map(inStock.map((r) => [r.id, r.stock]));
  articleIds = articleIds.filter((id) => (stock.get(id) ?? 0) > 0);
});
afterAll(async () => demo.cleanup());

describe('card payments through the sandbox provider', () => {
  it('a paid sandbox payment marks the order paid, once, and announces it', async () => {
    const { order, payment } = await cardOrder();
    expect(order).toMatchObject({ status: 'awaiting_payment', paymentMethod: 'card', vatTreatment: 'consumer' });
    expect(payment).toMatchObject({ status: 'pending', amountCents: order.grossCents });
    await completeSandboxPayment(consumer.id, payment, 'succeeded');
    // The same signed webhook delivered again changes nothing.
    await completeSandboxPayment(consumer.id, payment, 'succeeded');
    const after = await readOrder(order.id);
    expect(after.order.status).toBe('paid');
    expect(after.payments.map((p) => p.status)).toEqual(['captured']);
    expect(after.events).toEqual(['payment_captured', 'placed']);
    expect(after.announced.filter((e) => (e.payload as { orderId: string }).orderId === order.id)).toHaveLength(1);
  });

  it('a declined payment keeps the order awaiting payment, and a new payment can still capture it', async () => {
    const { order, payment } = await cardOrder();
    await completeSandboxPayment(consumer.id, payment, 'failed');
    let after = await readOrder(order.id);
    expect(after.order.status).toBe('awaiting_payment');
    expect(after.events).toEqual(['payment_failed', 'placed']);
    const retry = (await findSandboxPayment(consumer.id, buyer.id, (await startOrderPayment(consumer, order.id)).paymentId))!;
    await completeSandboxPayment(consumer.id, retry.payment, 'succeeded');
    after = await readOrder(order.id);
    expect(after.order.status).toBe('paid');
  });

  it('offers no invoice in a B2C shop', async () => {
    await addToCart(consumer, buyer, articleIds.pop()!, 1);
    const error = await placeOrder(consumer, buyer, { addressId, paymentMethod: 'invoice', idempotencyKey: `inv-${crypto.randomUUID()}` }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(error, 'VALIDATION_FAILED')).toBe(true);
  });

  it("cannot open another customer's payment", async () => {
    const { payment } = await cardOrder();
    expect(await findSandboxPayment(consumer.id, crypto.randomUUID(), payment.id)).toBeNull();
    const acme = (await demo.db.select().from(tenants).where(eq(tenants.subdomain, 'acme')))[0]!;
    expect(await findSandboxPayment(acme.id, buyer.id, payment.id)).toBeNull();
  });
});

describe('loyalty points', () => {
  const balance = () => withTenant(consumer.id, (tx) => loyaltyBalance(tx, buyer.id));

  it('earns one point per euro of a paid order, once, whatever the redeliveries', async () => {
    const start = await balance();
    const { order, payment } = await cardOrder();
    expect(await balance()).toBe(start);
    await completeSandboxPayment(consumer.id, payment, 'succeeded');
    await completeSandboxPayment(consumer.id, payment, 'succeeded');
    expect(await balance()).toBe(start + pointsEarnedFor(order.netCents));
  });

  it('spends points at checkout as a discount, and never more points than the customer has, even at once', async () => {
    const available = await balance();
    expect(available).toBeGreaterThan(0);
    await addToCart(consumer, buyer, articleIds.pop()!, 1);
    const results = await Promise.allSettled([
      placeOrder(consumer, buyer, { addressId, paymentMethod: 'card', idempotencyKey: `pts-${crypto.randomUUID()}`, usePoints: 'on' }),
      placeOrder(consumer, buyer, { addressId, paymentMethod: 'card', idempotencyKey: `pts-${crypto.randomUUID()}`, usePoints: 'on' }),
    ]);
    const placed = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(placed.length).toBeGreaterThan(0);
    const redeemed = placed.reduce((sum, o) => sum + o.loyaltyPointsRedeemed, 0);
    expect(redeemed).toBe(available);
    expect(await balance()).toBe(0);
    const withPoints = placed.find((o) => o.loyaltyPointsRedeemed > 0)!;
    expect(withPoints.discountNetCents).toBeGreaterThan(0);
    expect(withPoints.grossCents).toBe(withPoints.netCents + withPoints.vatCents);
  });
});
