import { and, desc, eq, gte } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles, brands, coupons, tenants, type Customer, type Tenant } from '@/db/schema';
import { DEMO_CUSTOMER } from '@/db/seed/seed-demo';
import { loadCartChoices, saveCartChoices } from '@/lib/cart/cart-choices';
import { addToCart } from '@/lib/cart/cart-service';
import { addAddress } from '@/lib/customers/addresses';
import { findCustomerByEmail } from '@/lib/customers/customer-repository';
import { isAppError } from '@/lib/errors';
import { applyCheckoutCoupon } from '@/lib/orders/checkout-coupon';
import { placeOrder } from '@/lib/orders/place-order';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

let demo: DemoCatalog;
let acme: Tenant;
let buyer: Customer;
let addressId: string;

async function fillCart() {
  const [article] = await demo.db
    .select({ id: articles.id })
    .from(articles)
    .innerJoin(brands, eq(brands.id, articles.brandId))
    .where(and(eq(brands.slug, 'michelin'), gte(articles.stock, 8)))
    // Four of the dearest are always above WINTER10's €100 minimum.
    .orderBy(desc(articles.basePriceCents))
    .limit(1);
  await addToCart(acme, buyer, article!.id, 4);
}

beforeAll(async () => {
  demo = await seedDemoForTest();
  acme = (await demo.db.select().from(tenants).where(eq(tenants.subdomain, 'acme')))[0]!;
  buyer = (await withTenant(acme.id, (tx) => findCustomerByEmail(tx, DEMO_CUSTOMER.email)))!;
  addressId = (
    await withTenant(acme.id, (tx) =>
      addAddress(tx, acme.id, buyer.id, { recipient: 'Demo Garage', line1: 'Kerkstraat 1', postalCode: '2000', city: 'Antwerpen', countryCode: 'BE' }),
    )
  ).id;
});
afterAll(async () => demo.cleanup());

describe('checkout choices are kept with the cart', () => {
  it('stores an applied coupon, refuses one that does not apply without losing the stored one, and removes it', async () => {
    await fillCart();
    expect(await applyCheckoutCoupon(acme, buyer, ' winter10 ')).toBe('WINTER10');
    expect(await loadCartChoices(acme, buyer)).toEqual({ couponCode: 'WINTER10', useLoyaltyPoints: false });
    const refused = await applyCheckoutCoupon(acme, buyer, 'WELCOME5').catch((e: unknown) => e);
    expect(isAppError(refused, 'VALIDATION_FAILED') && refused.details?.fieldErrors).toMatchObject({ couponCode: /not valid in this shop/ });
    expect((await loadCartChoices(acme, buyer)).couponCode).toBe('WINTER10');
    const tooLong = await applyCheckoutCoupon(acme, buyer, 'X'.repeat(41)).catch((e: unknown) => e);
    expect(isAppError(tooLong, 'VALIDATION_FAILED')).toBe(true);
    expect(await applyCheckoutCoupon(acme, buyer, '')).toBeNull();
    expect((await loadCartChoices(acme, buyer)).couponCode).toBeNull();
  });

  it('places the order with the stored coupon, re-checked then, and the next cart starts without it', async () => {
    await applyCheckoutCoupon(acme, buyer, 'WINTER10');
    await saveCartChoices(acme, buyer, { useLoyaltyPoints: true });
    // Retired after it was applied: placing the order refuses it, and nothing is ordered.
    await withTenant(acme.id, (tx) => tx.update(coupons).set({ active: false }).where(eq(coupons.code, 'WINTER10')));
    const stored = await loadCartChoices(acme, buyer);
    const refused = await placeOrder(acme, buyer, {
      addressId,
      paymentMethod: 'card',
      idempotencyKey: `choices-${crypto.randomUUID()}`,
      couponCode: stored.couponCode ?? undefined,
    }).catch((e: unknown) => e);
    expect(isAppError(refused, 'VALIDATION_FAILED') && refused.details?.fieldErrors).toMatchObject({ couponCode: /not valid/ });
    await withTenant(acme.id, (tx) => tx.update(coupons).set({ active: true }).where(eq(coupons.code, 'WINTER10')));

    const order = await placeOrder(acme, buyer, {
      addressId,
      paymentMethod: 'card',
      idempotencyKey: `choices-${crypto.randomUUID()}`,
      couponCode: stored.couponCode ?? undefined,
    });
    expect(order).toMatchObject({ couponCode: 'WINTER10', paymentMethod: 'card', vatRateBp: acme.vatRateBp });
    expect(await loadCartChoices(acme, buyer)).toEqual({ couponCode: null, useLoyaltyPoints: false });
  });
});
