import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles, auditLog, brands, categories, tenantCatalogSummaries, vehicleBrands } from '@/db/schema';
import { ensureCacheInvalidationListener } from '@/lib/cache/cache-invalidation';
import { parseCatalogQuery } from '@/lib/catalog/catalog-query';
import { summaryBasis } from '@/lib/catalog/catalog-summary';
import { listVisibleArticles } from '@/lib/catalog/list-visible-articles';
import { getTenantCatalogContext } from '@/lib/catalog/tenant-catalog-context';
import { isArticleVisible, loadVisibilityRules, type VisibilityRules } from '@/lib/catalog/visibility';
import { countAllArticles, countArticlesFor, saveAssortment } from '@/lib/catalog/assortment-rules';
import { allowedScopeFor } from '@/lib/catalog/assortment-scope';
import { isAppError } from '@/lib/errors';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { idsBySlug, listAllVisible, loadArticleFacts, seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

const owner = { email: 'owner@acme.test', role: 'owner' as const };
const manager = { email: 'manager@acme.test', role: 'manager' as const };

let demo: DemoCatalog;
let acme: string;
let atraxion: string;
let brandId: (slug: string) => number;

/** What a storefront request does: the tenant's rules from its cache, then the unfiltered listing. */
async function browse(tenantId: string, params: Record<string, string> = {}) {
  const { rules } = await getTenantCatalogContext(demo.db, tenantId);
  return listVisibleArticles(demo.db, { tenantId, rules }, parseCatalogQuery(params), 50);
}
const brandsShown = async (tenantId: string) => (await browse(tenantId)).facets.brand.map((b) => b.value).sort();
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );
const empty: VisibilityRules = { brandIds: [], categoryIds: [], vehicleBrandIds: [] };

beforeAll(async () => {
  demo = await seedDemoForTest();
  ({ acme, atraxion } = demo.tenantIds);
  brandId = await idsBySlug(demo.db, brands);
  await ensureCacheInvalidationListener();
});
afterAll(async () => demo?.cleanup());

describe('the shop owner chooses the assortment', () => {
  it('offers the whole catalog as the scope for now', async () => {
    const scope = await allowedScopeFor(demo.db, acme);
    expect(scope.brands).toHaveLength((await demo.db.select().from(brands)).length);
    expect(scope.categories).toHaveLength((await demo.db.select().from(categories)).length);
    expect(scope.vehicleBrands).toHaveLength((await demo.db.select().from(vehicleBrands)).length);
    expect(scope.brands.map((b) => b.name)).toEqual([...scope.brands.map((b) => b.name)].sort((a, b) => a.localeCompare(b)));
  });

  it('the draft count is what the storefront then shows, listing and counts alike, on the very next request', async () => {
    expect(await brandsShown(acme)).toEqual(['continental', 'michelin']);
    const before = await browse(acme);
    const draft = { brandIds: [brandId('michelin')], categoryIds: [], vehicleBrandIds: [] };
    const draftCount = await countArticlesFor(demo.db, draft);
    expect(draftCount).toBeGreaterThan(0);
    expect(draftCount).toBeLessThan(before.total);

    await saveAssortment(demo.db, acme, owner, { brandIds: [String(brandId('michelin'))] });

    // No waiting: the saving instance forgets its copy at once (others hear it from PostgreSQL).
    const after = await browse(acme);
    expect(after.total).toBe(draftCount);
    expect(after.facets.brand.map((b) => b.value)).toEqual(['michelin']);
    expect(after.facets.brand[0]!.count).toBe(draftCount);
    const all = await listAllVisible(demo.db, await demo.scopeFor(acme));
    expect(all.items).toHaveLength(draftCount);
    expect(new Set(all.items.map((i) => i.brandSlug))).toEqual(new Set(['michelin']));
    // The stored summary was counted under the new rules, so no buyer waits for it.
    const [stored] = await demo.db.select().from(tenantCatalogSummaries).where(eq(tenantCatalogSummaries.tenantId, acme));
    expect(stored!.total).toBe(draftCount);
    expect(stored!.basis).toMatch(new RegExp(`:${summaryBasis(0, draft).split(':')[1]}$`));
    const audit = await withTenant(acme, (tx) => tx.select().from(auditLog).where(eq(auditLog.action, 'assortment.saved')));
    expect(audit.at(-1)).toMatchObject({ actor: owner.email, details: { brandIds: draft.brandIds, total: draftCount } });
  });

  it('counts exactly the articles the visibility rule lets through, on every axis', async () => {
    const facts = await loadArticleFacts(demo.db);
    const categoryId = await idsBySlug(demo.db, categories);
    const vehicleIds = (await demo.db.select({ id: vehicleBrands.id }).from(vehicleBrands)).map((v) => v.id);
    const cases: VisibilityRules[] = [
      empty,
      { ...empty, categoryIds: [categoryId('winter-tyres')] },
      { ...empty, vehicleBrandIds: [vehicleIds[0]!] },
      { brandIds: [brandId('michelin'), brandId('pirelli')], categoryIds: [categoryId('summer-tyres')], vehicleBrandIds: vehicleIds.slice(0, 3) },
    ];
    for (const rules of cases) {
      expect(await countArticlesFor(demo.db, rules)).toBe(facts.filter((a) => isArticleVisible(a, rules)).length);
    }
    expect(await countArticlesFor(demo.db, empty)).toBe(await countAllArticles(demo.db));
  });

  it('ticking nothing shows everything, and replaces all three sets at once', async () => {
    const categoryId = await idsBySlug(demo.db, categories);
    await saveAssortment(demo.db, acme, owner, { brandIds: [brandId('michelin')], categoryIds: [categoryId('winter-tyres')] });
    expect((await loadVisibilityRules(demo.db, acme)).categoryIds).toEqual([categoryId('winter-tyres')]);
    await saveAssortment(demo.db, acme, owner, {});
    expect(await loadVisibilityRules(demo.db, acme)).toEqual(empty);
    expect((await browse(acme)).total).toBe((await demo.db.select({ id: articles.id }).from(articles)).length);
  });

  it('leaves every other shop as it was', async () => {
    const rulesBefore = await loadVisibilityRules(demo.db, atraxion);
    const totalBefore = (await browse(atraxion)).total;
    await saveAssortment(demo.db, acme, owner, { brandIds: [brandId('continental')] });
    expect(await loadVisibilityRules(demo.db, atraxion)).toEqual(rulesBefore);
    expect((await browse(atraxion)).total).toBe(totalBefore);
    expect(await brandsShown(acme)).toEqual(['continental']);
  });

  it('only the owner may save, and only ids inside the scope', async () => {
    const before = await loadVisibilityRules(demo.db, acme);
    const forbidden = await errorOf(saveAssortment(demo.db, acme, manager, { brandIds: [brandId('michelin')] }));
    expect(isAppError(forbidden, 'FORBIDDEN')).toBe(true);
    const forged = await errorOf(saveAssortment(demo.db, acme, owner, { brandIds: [999_999] }));
    expect(isAppError(forged, 'VALIDATION_FAILED')).toBe(true);
    const garbage = await errorOf(saveAssortment(demo.db, acme, owner, { brandIds: ['michelin'] }));
    expect(isAppError(garbage, 'VALIDATION_FAILED')).toBe(true);
    expect(await loadVisibilityRules(demo.db, acme)).toEqual(before);
  });
});
