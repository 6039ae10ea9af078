import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brands, tenantArticlePrices, tenants, tenantVisibleBrands } from '@/db/schema';
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
});
