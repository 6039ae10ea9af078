import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles, brands, customers, tenantArticlePrices, tenants, tenantVisibleBrands, type Customer, type Tenant } from '@/db/schema';
import { DEMO_CUSTOMER } from '@/db/seed/seed-demo';
import { ensureCacheInvalidationListener } from '@/lib/cache/cache-invalidation';
import { addToCart, loadCart, setCartQuantity } from '@/lib/cart/cart-service';
import { findCustomerByEmail } from '@/lib/customers/customer-repository';
import { isAppError } from '@/lib/errors';
import { registerCustomer } from '@/lib/registration/register-customer';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

let demo: DemoCatalog;
let acme: Tenant;
let atraxion: Tenant;
let buyer: Customer;

async function articleOf(brandSlug: string, minStock = 5) {
  const rows = await demo.db
    .select({ id: articles.id, stock: articles.stock, basePriceCents: articles.basePriceCents })
    .from(articles)
    .innerJoin(brands, eq(brands.id, articles.brandId))
    .where(eq(brands.slug, brandSlug))
    .orderBy(articles.id);
  // Skip the articles the demo data gives ACME overrides for: this test sets its own.
  return rows.filter((r) => r.stock >= minStock).at(-1)!;
}

const codeOf = (error: unknown) => (isAppError(error) ? error.code : String(error));

beforeAll(async () => {
  demo = await seedDemoForTest();
  [acme, atraxion] = (await Promise.all(['acme', 'atraxion'].map(async (s) => (await demo.db.select().from(tenants).where(eq(tenants.subdomain, s)))[0]!))) as [
    Tenant,
    Tenant,
  ];
  buyer = (await withTenant(acme.id, (tx) => findCustomerByEmail(tx, DEMO_CUSTOMER.email)))!;
  await ensureCacheInvalidationListener();
});
afterAll(async () => demo.cleanup());

describe('cart', () => {
  it('an approved customer adds a product at their own price; adding again adds up', async () => {
    const michelin = await articleOf('michelin');
    await addToCart(acme, buyer, michelin.id, 2);
    await addToCart(acme, buyer, michelin.id, 1);
    const cart = await loadCart(acme, buyer);
    const line = cart.lines.find((l) => l.articleId === michelin.id)!;
    expect(line.quantity).toBe(3);
    expect(line.problems).toEqual([]);
    expect(line.unitPriceCents).toBe(Math.floor((michelin.basePriceCents * 9_500 + 5_000) / 10_000));
    expect(cart.readyForCheckout).toBe(true);
  });

  it('refuses accounts that may not order, on the server', async () => {
    const { customer: pending } = await registerCustomer(
      atraxion,
      {
        name: 'Pending Pat',
        email: 'pat@example.test',
        password: 'correct horse battery',
        companyName: 'Pat BV',
        vatNumber: 'BE0417497106',
        countryCode: 'BE',
      },
      { registry: null },
    );
    const article = await articleOf('pirelli');
    expect(codeOf(await addToCart(atraxion, pending, article.id, 1).catch((e: unknown) => e))).toBe('ACCOUNT_PENDING');
    const rejected = { ...pending, status: 'rejected' as const };
    expect(codeOf(await addToCart(atraxion, rejected, article.id, 1).catch((e: unknown) => e))).toBe('FORBIDDEN');
    const expired = { ...pending, status: 'active' as const, approvalExpiresAt: new Date(Date.now() - 1_000) };
    expect(codeOf(await addToCart(atraxion, expired, article.id, 1).catch((e: unknown) => e))).toBe('ACCOUNT_PENDING');
    expect((await loadCart(atraxion, pending)).lines).toEqual([]);
  });

  it('refuses a product the shop does not show, and more than the stock', async () => {
    const pirelli = await articleOf('pirelli');
    expect(codeOf(await addToCart(acme, buyer, pirelli.id, 1).catch((e: unknown) => e))).toBe('NOT_VISIBLE');
    const continental = await articleOf('continental');
    expect(codeOf(await addToCart(acme, buyer, continental.id, continental.stock + 1).catch((e: unknown) => e))).toBe('VALIDATION_FAILED');
  });

  it('flags a price change since adding, until the customer confirms it', async () => {
    const continental = await articleOf('continental');
    await addToCart(acme, buyer, continental.id, 1);
    await demo.db
      .insert(tenantArticlePrices)
      .values({ tenantId: acme.id, articleId: continental.id, priceCents: 1_234, validFrom: new Date(Date.now() - 1_000) });
    let line = (await loadCart(acme, buyer)).lines.find((l) => l.articleId === continental.id)!;
    expect(line.problems).toEqual(['price_changed']);
    expect(line.unitPriceCents).toBe(Math.floor((1_234 * 9_500 + 5_000) / 10_000));
    await setCartQuantity(acme, buyer, line.itemId, 1);
    line = (await loadCart(acme, buyer)).lines.find((l) => l.articleId === continental.id)!;
    expect(line.problems).toEqual([]);
  });

  it('cannot be checked out once an article in it became hidden', async () => {
    const [continentalBrand] = await demo.db.select().from(brands).where(eq(brands.slug, 'continental'));
    await demo.db.delete(tenantVisibleBrands).where(and(eq(tenantVisibleBrands.tenantId, acme.id), eq(tenantVisibleBrands.brandId, continentalBrand!.id)));
    await expect.poll(async () => (await loadCart(acme, buyer)).lines.filter((l) => l.problems.includes('unavailable')).length, { timeout: 2_000 }).toBe(1);
    const cart = await loadCart(acme, buyer);
    expect(cart.readyForCheckout).toBe(false);
    const hidden = cart.lines.find((l) => l.problems.includes('unavailable'))!;
    expect(hidden.unitPriceCents).toBeNull();
    expect(codeOf(await setCartQuantity(acme, buyer, hidden.itemId, 2).catch((e: unknown) => e))).toBe('NOT_VISIBLE');
  });

  it("keeps each shop's carts apart", async () => {
    expect((await loadCart(acme, buyer)).lines.length).toBeGreaterThan(0);
    // The ACME buyer's id used at another shop finds no cart there.
    expect((await loadCart(atraxion, buyer)).lines).toEqual([]);
    const cartsSeenByAtraxion = await withTenant(atraxion.id, (tx) => tx.select().from(customers).where(eq(customers.id, buyer.id)));
    expect(cartsSeenByAtraxion).toEqual([]);
  });
});
