import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalCatalogQuery } from '@/lib/catalog/canonical-catalog-query';
import { parseCatalogQuery } from '@/lib/catalog/catalog-query';
import { listVisibleArticles } from '@/lib/catalog/list-visible-articles';
import { getTenantCatalogContext } from '@/lib/catalog/tenant-catalog-context';
import { catalogCacheKeyOf } from '@/lib/tenancy/cached-storefront';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

/*
 * The listing a query stands for, in the shop's real values: what the render cache keys its pages by,
 * so that made-up values cannot make new entries.
 */
let demo: DemoCatalog;

async function canonical(tenantId: string, params: Record<string, string | string[]>) {
  const { rules, kinds } = await getTenantCatalogContext(demo.db, tenantId);
  return canonicalCatalogQuery(demo.db, { tenantId, rules, kinds }, parseCatalogQuery(params));
}

beforeAll(async () => {
  demo = await seedDemoForTest();
});
afterAll(async () => demo.cleanup());

describe('canonicalCatalogQuery', () => {
  it('keeps a listing of real values as it is', async () => {
    const { acme } = demo.tenantIds;
    const { rules } = await getTenantCatalogContext(demo.db, acme);
    const { facets } = await listVisibleArticles(demo.db, { tenantId: acme, rules }, parseCatalogQuery({}), 1);
    const params = { brand: ['michelin', 'continental'], width: facets.width[0]!.value, rim: facets.rim[0]!.value, sort: 'price-asc' };
    const query = parseCatalogQuery(params);
    expect(await canonical(acme, params)).toEqual({ ...query, brands: ['continental', 'michelin'] });
  });

  it('leaves out every value the shop does not have, hidden or unknown alike', async () => {
    const { acme } = demo.tenantIds;
    const result = await canonical(acme, {
      brand: ['michelin', 'pirelli', 'no-such-brand'], // pirelli exists, but not at ACME
      category: 'no-such-category',
      vehicle: 'no-such-make',
      width: '399',
      aspect: '21',
      rim: '11',
    });
    expect(catalogCacheKeyOf(result)).toBe(catalogCacheKeyOf(parseCatalogQuery({ brand: 'michelin' })));
  });

  it('keeps only the kinds the shop shows', async () => {
    const { consumer, atraxion } = demo.tenantIds;
    expect((await canonical(consumer, { kind: 'wheel' })).kind).toBeUndefined();
    expect((await canonical(atraxion, { kind: 'wheel' })).kind).toBe('wheel');
  });

  it('turns a page past the end into the last page', async () => {
    const { acme } = demo.tenantIds;
    const { rules } = await getTenantCatalogContext(demo.db, acme);
    const { pageCount } = await listVisibleArticles(demo.db, { tenantId: acme, rules }, parseCatalogQuery({ brand: 'michelin' }));
    expect((await canonical(acme, { brand: 'michelin', page: '400' })).page).toBe(pageCount);
    expect((await canonical(acme, { brand: 'michelin', page: String(pageCount) })).page).toBe(pageCount);
  });
});
