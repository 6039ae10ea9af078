import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles, brands, categories, tenantArticlePrices, tenantCatalogSummaries, tenants, tenantVisibleBrands } from '@/db/schema';
import { invalidateTenantLocally } from '@/lib/cache/cache-invalidation';
import { refreshCatalogSummaries } from '@/lib/catalog/catalog-summary';
import { ensureCacheInvalidationListener } from '@/lib/cache/cache-invalidation';
import { parseCatalogQuery } from '@/lib/catalog/catalog-query';
import { listVisibleArticles } from '@/lib/catalog/list-visible-articles';
import { getTenantCatalogContext } from '@/lib/catalog/tenant-catalog-context';
import { getTenantByHost } from '@/lib/tenancy/tenant-directory';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

let demo: DemoCatalog;
let acme: string;
let atraxion: string;

/** What a storefront request does: tenant context from the cache, then the listing. */
async function browse(tenantId: string, params: Record<string, string> = {}) {
  const { rules } = await getTenantCatalogContext(demo.db, tenantId);
  return listVisibleArticles(demo.db, { tenantId, rules }, parseCatalogQuery(params), 50);
}

const brandsShown = async (tenantId: string) => (await browse(tenantId)).facets.brand.map((b) => b.value).sort();

beforeAll(async () => {
  demo = await seedDemoForTest();
  ({ acme, atraxion } = demo.tenantIds);
  await ensureCacheInvalidationListener();
});
afterAll(async () => demo.cleanup());

describe('caches stay correct per tenant', () => {
  it('a visibility change shows on the next request for that tenant and nowhere else', async () => {
    expect(await brandsShown(acme)).toEqual(['continental', 'michelin']);
    const atraxionBefore = await brandsShown(atraxion);
    const [pirelli] = await demo.db.select().from(brands).where(eq(brands.slug, 'pirelli'));
    await demo.db.insert(tenantVisibleBrands).values({ tenantId: acme, brandId: pirelli!.id });
    // Delivered by PostgreSQL on commit; poll briefly rather than sleep a fixed time.
    await expect.poll(() => brandsShown(acme), { timeout: 2_000 }).toEqual(['continental', 'michelin', 'pirelli']);
    expect(await brandsShown(atraxion)).toEqual(atraxionBefore);

    await demo.db.delete(tenantVisibleBrands).where(and(eq(tenantVisibleBrands.tenantId, acme), eq(tenantVisibleBrands.brandId, pirelli!.id)));
    await expect.poll(() => brandsShown(acme), { timeout: 2_000 }).toEqual(['continental', 'michelin']);
  });

  it('a new price override shows on the very next request, only for its tenant', async () => {
    const first = (await browse(acme, { sort: 'name' })).items[0]!;
    const atAtraxion = (await browse(atraxion, { q: first.sku })).items.find((i) => i.id === first.id)!;
    await demo.db.insert(tenantArticlePrices).values({
      tenantId: acme,
      articleId: first.id,
      priceCents: 4_242,
      validFrom: new Date(Date.now() - 60_000),
    });
    const after = (await browse(acme, { sort: 'name' })).items.find((i) => i.id === first.id)!;
    expect(after.netPriceCents).toBe(4_242);
    const atraxionAfter = (await browse(atraxion, { q: first.sku })).items.find((i) => i.id === first.id)!;
    expect(atraxionAfter.netPriceCents).toBe(atAtraxion.netPriceCents);
  });

  it('deactivating a tenant closes its shop on the next request', async () => {
    expect(await getTenantByHost('consumer.localhost')).not.toBeNull();
    await demo.db.update(tenants).set({ isActive: false }).where(eq(tenants.subdomain, 'consumer'));
    await expect.poll(() => getTenantByHost('consumer.localhost'), { timeout: 2_000 }).toBeNull();
    expect(await getTenantByHost('acme.localhost')).not.toBeNull();
    await demo.db.update(tenants).set({ isActive: true }).where(eq(tenants.subdomain, 'consumer'));
    await expect.poll(() => getTenantByHost('consumer.localhost'), { timeout: 2_000 }).not.toBeNull();
  });

  it('a new article shows in the totals of the tenants that may see it, and only theirs', async () => {
    const acmeBefore = (await browse(acme)).total;
    const atraxionBefore = (await browse(atraxion)).total;
    const [pirelli] = await demo.db.select().from(brands).where(eq(brands.slug, 'pirelli'));
    const [category] = await demo.db.select().from(categories).limit(1);
    const [added] = await demo.db
      .insert(articles)
      .values({
        sku: 'CACHE-TEST-1',
        slug: 'cache-test-1',
        name: 'Pirelli Cache Test',
        kind: 'tyre',
        brandId: pirelli!.id,
        categoryId: category!.id,
        width: 205,
        aspectRatio: 55,
        rimDiameter: 16,
        basePriceCents: 10_000,
        stock: 3,
      })
      .returning();
    try {
      await expect.poll(async () => (await browse(atraxion)).total, { timeout: 2_000 }).toBe(atraxionBefore + 1);
      expect((await browse(acme)).total).toBe(acmeBefore);
    } finally {
      await demo.db.delete(articles).where(eq(articles.id, added!.id));
    }
    await expect.poll(async () => (await browse(atraxion)).total, { timeout: 2_000 }).toBe(atraxionBefore);
  });

  it('a stored summary computed from other rules or another catalog is never served', async () => {
    const truth = await browse(acme);
    await demo.db.update(tenantCatalogSummaries).set({ basis: 'v0:stale', total: 999_999 }).where(eq(tenantCatalogSummaries.tenantId, acme));
    invalidateTenantLocally(acme);
    const again = await browse(acme);
    expect(again.total).toBe(truth.total);
    expect(again.facets).toEqual(truth.facets);
    const [stored] = await demo.db.select().from(tenantCatalogSummaries).where(eq(tenantCatalogSummaries.tenantId, acme));
    expect(stored!.total).toBe(truth.total);
  });
});

describe('stored catalog summaries', () => {
  it('a refresh stores every active shop once, with the same counts a request computes', async () => {
    await demo.db.delete(tenantCatalogSummaries);
    const first = await refreshCatalogSummaries(demo.db);
    const active = await demo.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.isActive, true));
    expect(first.computed).toBe(active.length);
    expect((await refreshCatalogSummaries(demo.db)).computed).toBe(0);
    const [stored] = await demo.db.select().from(tenantCatalogSummaries).where(eq(tenantCatalogSummaries.tenantId, acme));
    invalidateTenantLocally(acme);
    expect(stored!.total).toBe((await browse(acme)).total);
  });
});

describe('keyset pagination', () => {
  it('the page after an article is the same page the offset gives, in every tenant', async () => {
    for (const tenantId of [acme, atraxion]) {
      const { rules } = await getTenantCatalogContext(demo.db, tenantId);
      const first = await listVisibleArticles(demo.db, { tenantId, rules }, parseCatalogQuery({}), 10);
      expect(first.nextAfter).toBe(first.items.at(-1)!.id);
      const byOffset = await listVisibleArticles(demo.db, { tenantId, rules }, parseCatalogQuery({ page: '2' }), 10);
      const byKey = await listVisibleArticles(demo.db, { tenantId, rules }, parseCatalogQuery({ page: '2', after: String(first.nextAfter) }), 10);
      expect(byKey.items.map((i) => i.id)).toEqual(byOffset.items.map((i) => i.id));
      expect(byKey.items.map((i) => i.netPriceCents)).toEqual(byOffset.items.map((i) => i.netPriceCents));
    }
  });
});
