import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles, auditLog, coupons, tenants, type Customer, type Tenant } from '@/db/schema';
import { addToCart, loadCart } from '@/lib/cart/cart-service';
import { addAddress } from '@/lib/customers/addresses';
import { createCoupon, listCoupons, retireCoupon, startOfShopDay } from '@/lib/coupons/manage-coupons';
import { setLoyaltyRates } from '@/lib/loyalty/set-loyalty-rates';
import { isAppError, type ErrorCode } from '@/lib/errors';
import { loyaltyBalance, pointsEarnedFor } from '@/lib/loyalty/loyalty';
import { placeOrder } from '@/lib/orders/place-order';
import { completeSandboxPayment, findSandboxPayment } from '@/lib/payments/submit-sandbox-payment';
import { startOrderPayment } from '@/lib/payments/start-order-payment';
import { registerCustomer } from '@/lib/registration/register-customer';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

const owner = { email: 'owner@consumer.test', role: 'owner' as const };
const manager = { email: 'manager@consumer.test', role: 'manager' as const };

let demo: DemoCatalog;
let shop: Tenant;
let acme: Tenant;
let buyer: Customer;
let addressId: string;
let articleIds: number[];

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );
async function expectAppError(promise: Promise<unknown>, code: ErrorCode) {
  const error = await errorOf(promise);
  expect(isAppError(error, code), String(error)).toBe(true);
  return error as { details?: { fieldErrors?: Record<string, string> } };
}
const fieldErrorsOf = async (raw: Record<string, string>) =>
  (await expectAppError(createCoupon(shop, raw, owner), 'VALIDATION_FAILED')).details?.fieldErrors ?? {};
const balance = () => withTenant(shop.id, (tx) => loyaltyBalance(tx, buyer.id));
const order = (extra: { couponCode?: string; usePoints?: string } = {}) =>
  placeOrder(shop, buyer, { addressId, paymentMethod: 'card', idempotencyKey: `coupon-test-${crypto.randomUUID()}`, ...extra });

async function paidOrder() {
  await addToCart(shop, buyer, articleIds.pop()!, 1);
  const placed = await order();
  const { paymentId } = await startOrderPayment(shop, placed.id);
  const { payment } = (await findSandboxPayment(shop.id, buyer.id, paymentId))!;
  await completeSandboxPayment(shop.id, payment, 'succeeded');
  return placed;
}

beforeAll(async () => {
  demo = await seedDemoForTest({ articleCount: 120 });
  shop = (await demo.db.select().from(tenants).where(eq(tenants.subdomain, 'consumer')))[0]!;
  acme = (await demo.db.select().from(tenants).where(eq(tenants.subdomain, 'acme')))[0]!;
  buyer = (
    await registerCustomer(shop, { name: 'Coupon Cora', email: 'cora@example.test', password: 'correct horse battery', countryCode: 'BE' }, { registry: null })
  ).customer;
  addressId = (
    await withTenant(shop.id, (tx) =>
      addAddress(tx, shop.id, buyer.id, { recipient: 'Cora', line1: 'Meir 1', postalCode: '2000', city: 'Antwerpen', countryCode: 'BE' }),
    )
  ).id;
  const rows = await demo.db.select({ id: articles.id, stock: articles.stock }).from(articles).where(eq(articles.kind, 'tyre')).orderBy(articles.id);
  articleIds = rows.filter((r) => r.stock > 5).map((r) => r.id);
});
afterAll(async () => demo?.cleanup());

describe('creating coupons', () => {
  it('stores a valid coupon as the owner typed it, upper-case, in cents and basis points', async () => {
    const percent = await createCoupon(
      shop,
      { code: ' spring-25 ', kind: 'percent', percent: '12,5 %', minOrder: '100', maxRedemptions: '50', maxPerCustomer: '1' },
      owner,
    );
    expect(percent).toMatchObject({
      code: 'SPRING-25',
      kind: 'percent',
      percentBp: 1250,
      amountCents: null,
      minOrderNetCents: 10_000,
      maxRedemptions: 50,
      maxPerCustomer: 1,
      active: true,
      validUntil: null,
    });
    const fixed = await createCoupon(shop, { code: 'TENOFF', kind: 'fixed', amount: '€ 7.50', validFrom: '2031-03-01', validUntil: '2031-03-31' }, owner);
    expect(fixed).toMatchObject({ kind: 'fixed', amountCents: 750, percentBp: null, minOrderNetCents: 0 });
    // Whole days in the shop's time zone: from midnight on the first day until midnight after the last.
    expect(fixed.validFrom.toISOString()).toBe('2031-02-28T23:00:00.000Z');
    expect(fixed.validUntil!.toISOString()).toBe('2031-03-31T22:00:00.000Z');
    expect(startOfShopDay('2031-07-01').toISOString()).toBe('2031-06-30T22:00:00.000Z');
    const audit = await withTenant(shop.id, (tx) => tx.select().from(auditLog).where(eq(auditLog.action, 'coupon.created')));
    expect(audit.map((a) => a.details)).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'SPRING-25' })]));
  });

  it('refuses what checkout could not honour, saying which field is wrong', async () => {
    expect(await fieldErrorsOf({ code: 'ab', kind: 'percent', percent: '10' })).toHaveProperty('code');
    expect(await fieldErrorsOf({ code: 'NO SPACES!', kind: 'percent', percent: '10' })).toHaveProperty('code');
    expect(await fieldErrorsOf({ code: 'X'.repeat(31), kind: 'percent', percent: '10' })).toHaveProperty('code');
    expect(await fieldErrorsOf({ code: 'ZERO', kind: 'percent', percent: '0' })).toHaveProperty('percent');
    expect(await fieldErrorsOf({ code: 'HUGE', kind: 'percent', percent: '100.5' })).toHaveProperty('percent');
    expect(await fieldErrorsOf({ code: 'FINE', kind: 'percent', percent: '10.125' })).toHaveProperty('percent');
    expect(await fieldErrorsOf({ code: 'FREE', kind: 'fixed', amount: '0' })).toHaveProperty('amount');
    expect(await fieldErrorsOf({ code: 'WHAT', kind: 'bogus' as 'fixed', amount: '5' })).toHaveProperty('kind');
    expect(await fieldErrorsOf({ code: 'BACKWARDS', kind: 'fixed', amount: '5', validFrom: '2031-05-02', validUntil: '2031-05-01' })).toHaveProperty(
      'validUntil',
    );
    expect(await fieldErrorsOf({ code: 'LIMITS', kind: 'fixed', amount: '5', maxRedemptions: '2', maxPerCustomer: '3' })).toHaveProperty('maxPerCustomer');
    expect(await fieldErrorsOf({ code: 'NOLIMIT', kind: 'fixed', amount: '5', maxRedemptions: '0' })).toHaveProperty('maxRedemptions');
    // Codes are unique per shop, whatever the case; the same code at another shop is another coupon.
    expect((await fieldErrorsOf({ code: 'welcome5', kind: 'fixed', amount: '5' })).code).toMatch(/already has a coupon WELCOME5/);
    await expect(createCoupon(acme, { code: 'WELCOME5', kind: 'fixed', amount: '5' }, { email: 'owner@acme.test' })).resolves.toMatchObject({
      tenantId: acme.id,
    });
  });
});

describe('the coupon list and retiring', () => {
  it('shows each coupon with its status and how often it was used', async () => {
    const now = new Date();
    await createCoupon(shop, { code: 'LATER', kind: 'percent', percent: '5', validFrom: '2040-01-01' }, owner);
    const old = await createCoupon(shop, { code: 'BYGONE', kind: 'percent', percent: '5' }, owner);
    await withTenant(shop.id, (tx) =>
      tx
        .update(coupons)
        .set({ validFrom: new Date('2020-01-01'), validUntil: new Date('2020-02-01') })
        .where(eq(coupons.id, old.id)),
    );
    await createCoupon(shop, { code: 'ONCE-ONLY', kind: 'fixed', amount: '1', maxRedemptions: '1' }, owner);
    await addToCart(shop, buyer, articleIds.pop()!, 1);
    await order({ couponCode: 'once-only' });
    const rows = await listCoupons(shop.id, now);
    const status = Object.fromEntries(rows.map((r) => [r.coupon.code, r.status]));
    expect(status).toMatchObject({ LATER: 'scheduled', BYGONE: 'expired', 'ONCE-ONLY': 'used_up', WELCOME5: 'active', TENOFF: 'scheduled' });
    expect(rows.find((r) => r.coupon.code === 'ONCE-ONLY')).toMatchObject({ redemptions: 1, customers: 1 });
    // Another shop's coupons are not in the list.
    expect(rows.every((r) => r.coupon.tenantId === shop.id)).toBe(true);
  });

  it('a retired coupon is refused at checkout, but stays on record with its orders', async () => {
    const coupon = await createCoupon(shop, { code: 'RETIRE-ME', kind: 'fixed', amount: '2' }, owner);
    await addToCart(shop, buyer, articleIds.pop()!, 1);
    const used = await order({ couponCode: 'retire-me' });
    expect(used.discountNetCents).toBeGreaterThan(0);

    await retireCoupon(shop, coupon.id, owner);
    await addToCart(shop, buyer, articleIds.pop()!, 1);
    const refused = await expectAppError(order({ couponCode: 'RETIRE-ME' }), 'VALIDATION_FAILED');
    expect(refused.details?.fieldErrors?.couponCode).toMatch(/not valid/);
    const row = (await listCoupons(shop.id)).find((r) => r.coupon.id === coupon.id)!;
    expect(row).toMatchObject({ status: 'retired', redemptions: 1 });
    // Retiring again changes nothing; another shop cannot retire it; a made-up id is not found.
    await expect(retireCoupon(shop, coupon.id, owner)).resolves.toMatchObject({ active: false });
    await expectAppError(retireCoupon(acme, coupon.id, { email: 'owner@acme.test' }), 'NOT_FOUND');
    await expectAppError(retireCoupon(shop, 'not-a-uuid', owner), 'NOT_FOUND');
  });
});

describe('loyalty rates', () => {
  it('only the owner sets them, as whole numbers from 0 to 100', async () => {
    await expectAppError(setLoyaltyRates(demo.db, shop, manager, { pointsPerEuro: '2', pointValueCents: '2' }), 'FORBIDDEN');
    const invalid = await expectAppError(setLoyaltyRates(demo.db, shop, owner, { pointsPerEuro: '101', pointValueCents: '1.5' }), 'VALIDATION_FAILED');
    expect(Object.keys(invalid.details?.fieldErrors ?? {}).sort()).toEqual(['pointValueCents', 'pointsPerEuro']);
    expect((await demo.db.select().from(tenants).where(eq(tenants.id, shop.id)))[0]).toMatchObject({ loyaltyPointsPerEuro: 1, loyaltyPointValueCents: 1 });
  });

  it('the shop’s rates decide the points earned on a paid order and what they take off at checkout', async () => {
    shop = await setLoyaltyRates(demo.db, shop, owner, { pointsPerEuro: '3', pointValueCents: '5' });
    const start = await balance();
    const paid = await paidOrder();
    const earned = pointsEarnedFor(paid.netCents, 3);
    expect(earned).toBe(Math.floor((paid.netCents * 3) / 100));
    expect(await balance()).toBe(start + earned);

    await addToCart(shop, buyer, articleIds.pop()!, 1);
    const before = (await loadCart(shop, buyer)).totals.grossCents;
    const available = start + earned;
    expect(available * 5).toBeLessThan(before);
    const spent = await order({ usePoints: 'on' });
    // Every point spent, five cents each, off the total paid (a B2C shop).
    expect(spent.loyaltyPointsRedeemed).toBe(available);
    expect(spent.grossCents).toBe(before - available * 5);
    expect(await balance()).toBe(available - spent.loyaltyPointsRedeemed);
  });

  it('a rate of 0 stops earning, or redeeming', async () => {
    // Earning on, redeeming off: points pile up but checkout takes none.
    shop = await setLoyaltyRates(demo.db, shop, owner, { pointsPerEuro: '1', pointValueCents: '0' });
    await paidOrder();
    const saved = await balance();
    expect(saved).toBeGreaterThan(0);
    await addToCart(shop, buyer, articleIds.pop()!, 1);
    const before = (await loadCart(shop, buyer)).totals.grossCents;
    const placed = await order({ usePoints: 'on' });
    expect(placed).toMatchObject({ loyaltyPointsRedeemed: 0, grossCents: before });
    expect(await balance()).toBe(saved);
    // Earning off: a paid order adds nothing.
    shop = await setLoyaltyRates(demo.db, shop, owner, { pointsPerEuro: '0', pointValueCents: '1' });
    await paidOrder();
    expect(await balance()).toBe(saved);
    shop = await setLoyaltyRates(demo.db, shop, owner, { pointsPerEuro: '1', pointValueCents: '1' });
  });
});
