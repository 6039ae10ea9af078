import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles, brands, categories, tenants, tenantVisibleBrands, tenantVisibleCategories, tenantVisibleVehicleBrands, vehicleBrands } from '@/db/schema';
import { demoTenants, type DemoVisibility } from '@/db/seed/demo-tenants';
import { parseCatalogQuery } from '@/lib/catalog/catalog-query';
import { getVisibleArticleBySlug } from '@/lib/catalog/get-visible-article';
import { listVisibleArticles } from '@/lib/catalog/list-visible-articles';
import { isArticleVisible, type VisibilityRules } from '@/lib/catalog/visibility';
import { idsBySlug, listAllVisible, loadArticleFacts, seedDemoForTest, sortedIds, type ArticleFacts, type DemoCatalog } from './support/demo-catalog';

let demo: DemoCatalog;
let facts: ArticleFacts[];
let rulesFor: (visibility: DemoVisibility) => VisibilityRules;
/** Extra shops whose rules the demo tenants do not exercise: the vehicle-brand axis and combinations. */
const extraShops: Record<string, DemoVisibility> = {
  'vw-group-fleet': { brandSlugs: [], categorySlugs: [], vehicleBrandSlugs: ['volkswagen', 'audi', 'skoda', 'seat'] },
  'jeep-only': { brandSlugs: [], categorySlugs: [], vehicleBrandSlugs: ['jeep'] },
  'winter-and-alloys': { brandSlugs: ['michelin', 'pirelli', 'bbs', 'oz-racing'], categorySlugs: ['winter-tyres', 'alloy-wheels'], vehicleBrandSlugs: [] },
  'premium-bmw': { brandSlugs: ['michelin', 'continental', 'bridgestone'], categorySlugs: [], vehicleBrandSlugs: ['bmw', 'mini'] },
  'all-three-axes': {
    brandSlugs: ['michelin', 'continental', 'goodyear'],
    categorySlugs: ['summer-tyres', 'all-season-tyres'],
    vehicleBrandSlugs: ['volvo', 'tesla'],
  },
};
const extraTenantIds: Record<string, string> = {};

beforeAll(async () => {
  demo = await seedDemoForTest();
  const { db } = demo;
  const [brandId, categoryId, vehicleBrandId] = await Promise.all([idsBySlug(db, brands), idsBySlug(db, categories), idsBySlug(db, vehicleBrands)]);
  // Built from the slugs as configured, not from what the app reads back, so a loader bug shows up too.
  rulesFor = (v) => ({
    brandIds: v.brandSlugs.map(brandId),
    categoryIds: v.categorySlugs.map(categoryId),
    vehicleBrandIds: v.vehicleBrandSlugs.map(vehicleBrandId),
  });
  // An article without any fitment data: hidden wherever the vehicle axis is restricted.
  await db.insert(articles).values({
    sku: 'MIC-UNIVERSAL-TEST',
    slug: 'michelin-universal-test-tyre',
    name: 'Michelin Universal Test Tyre 205/55 R16 91V',
    kind: 'tyre',
    brandId: brandId('michelin'),
    categoryId: categoryId('summer-tyres'),
    season: 'summer',
    width: 205,
    aspectRatio: 55,
    rimDiameter: 16,
    stock: 4,
    basePriceCents: 9_000,
  });
  for (const [subdomain, visibility] of Object.entries(extraShops)) {
    const [row] = await db
      .insert(tenants)
      .values({ subdomain, name: subdomain, fromEmailAddress: `info@${subdomain}.test` })
      .returning({ id: tenants.id });
    if (!row) throw new Error('tenant insert returned nothing');
    extraTenantIds[subdomain] = row.id;
    const rules = rulesFor(visibility);
    if (rules.brandIds.length) await db.insert(tenantVisibleBrands).values(rules.brandIds.map((id) => ({ tenantId: row.id, brandId: id })));
    if (rules.categoryIds.length) {
      await db.insert(tenantVisibleCategories).values(rules.categoryIds.map((id) => ({ tenantId: row.id, categoryId: id })));
    }
    if (rules.vehicleBrandIds.length) {
      await db.insert(tenantVisibleVehicleBrands).values(rules.vehicleBrandIds.map((id) => ({ tenantId: row.id, vehicleBrandId: id })));
    }
  }
  facts = await loadArticleFacts(db);
});

afterAll(async () => demo.cleanup());

const allShops = () => [
  ...demoTenants.map((d) => ({ subdomain: d.tenant.subdomain, visibility: d.visibility })),
  ...Object.entries(extraShops).map(([subdomain, visibility]) => ({ subdomain, visibility })),
];

function tenantIdOf(subdomain: string): string {
  const id = (demo.tenantIds as Record<string, string>)[subdomain] ?? extraTenantIds[subdomain];
  if (!id) throw new Error(`unknown shop ${subdomain}`);
  return id;
}

function expectedVisibleIds(visibility: DemoVisibility): number[] {
  const rules = rulesFor(visibility);
  return facts.filter((a) => isArticleVisible(a, rules)).map((a) => a.id);
}

function countBy(items: readonly ArticleFacts[], key: (a: ArticleFacts) => string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of items) for (const k of key(a)) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
}

const facetCounts = (values: readonly { value: string; count: number }[]) => Object.fromEntries(values.map((v) => [v.value, v.count]));

describe('catalog visibility: the SQL listing shows exactly what the rule allows', () => {
  it.each(['atraxion', 'acme', 'consumer', 'bigcorp', 'closed', ...Object.keys(extraShops)])(
    '%s lists exactly the articles isArticleVisible accepts',
    async (subdomain) => {
      const shop = allShops().find((s) => s.subdomain === subdomain);
      if (!shop) throw new Error(`no shop ${subdomain}`);
      const scope = await demo.scopeFor(tenantIdOf(subdomain));
      const listed = await listAllVisible(demo.db, scope);
      const expected = expectedVisibleIds(shop.visibility);
      const restricted = Object.values(shop.visibility).some((slugs) => slugs.length > 0);
      // Guard against a vacuous pass: restricted shops must hide something and show something.
      expect(expected.length).toBeGreaterThan(0);
      if (restricted) expect(expected.length).toBeLessThan(facts.length);
      else expect(expected.length).toBe(facts.length);
      expect(sortedIds(listed.items)).toEqual(expected);
      expect(listed.total).toBe(expected.length);
    },
  );

  it('reads each shop’s rules from the tables as they were configured', async () => {
    for (const shop of allShops()) {
      const { rules } = await demo.scopeFor(tenantIdOf(shop.subdomain));
      const expected = rulesFor(shop.visibility);
      const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
      expect({ b: sorted(rules.brandIds), c: sorted(rules.categoryIds), v: sorted(rules.vehicleBrandIds) }).toEqual({
        b: sorted(expected.brandIds),
        c: sorted(expected.categoryIds),
        v: sorted(expected.vehicleBrandIds),
      });
    }
  });

  it('hides an article without fitment data from a shop restricted by vehicle brand, and only there', async () => {
    const universal = facts.find((a) => a.slug === 'michelin-universal-test-tyre');
    expect(universal?.vehicleBrandIds).toEqual([]);
    const fleet = await demo.scopeFor(tenantIdOf('vw-group-fleet'));
    const open = await demo.scopeFor(demo.tenantIds.atraxion);
    expect(await getVisibleArticleBySlug(demo.db, fleet, 'michelin-universal-test-tyre')).toBeNull();
    expect(await getVisibleArticleBySlug(demo.db, open, 'michelin-universal-test-tyre')).not.toBeNull();
  });

  it('a vehicle-restricted shop shows only articles that fit one of its vehicle brands', async () => {
    const scope = await demo.scopeFor(tenantIdOf('jeep-only'));
    const listed = await listAllVisible(demo.db, scope);
    const jeepArticles = facts.filter((a) => a.vehicleBrandSlugs.includes('jeep'));
    expect(jeepArticles.length).toBeGreaterThan(0);
    expect(listed.total).toBe(jeepArticles.length);
    // The vehicle facet is what the buyer filters on next; Jeep must be there with every article.
    expect(facetCounts(listed.facets.vehicle).jeep).toBe(jeepArticles.length);
  });

  it.each(['acme', 'consumer', 'winter-and-alloys', 'all-three-axes', 'vw-group-fleet'])(
    'the product page of %s opens exactly the visible articles',
    async (subdomain) => {
      const shop = allShops().find((s) => s.subdomain === subdomain);
      if (!shop) throw new Error(`no shop ${subdomain}`);
      const scope = await demo.scopeFor(tenantIdOf(subdomain));
      const visible = new Set(expectedVisibleIds(shop.visibility));
      // Every fourth article keeps the file fast and still covers both outcomes many times over.
      const sample = facts.filter((_, i) => i % 4 === 0);
      const outcomes = await Promise.all(sample.map((a) => getVisibleArticleBySlug(demo.db, scope, a.slug)));
      sample.forEach((article, i) => {
        const detail = outcomes[i];
        expect({ slug: article.slug, shown: detail !== null && detail !== undefined }).toEqual({
          slug: article.slug,
          shown: visible.has(article.id),
        });
        if (detail) expect(detail.id).toBe(article.id);
      });
    },
  );

  it.each(['acme', 'consumer', 'winter-and-alloys', 'premium-bmw', 'all-three-axes'])('facet counts of %s count only visible articles', async (subdomain) => {
    const shop = allShops().find((s) => s.subdomain === subdomain);
    if (!shop) throw new Error(`no shop ${subdomain}`);
    const scope = await demo.scopeFor(tenantIdOf(subdomain));
    const rules = rulesFor(shop.visibility);
    const visible = facts.filter((a) => isArticleVisible(a, rules));
    const { facets } = await listVisibleArticles(demo.db, scope, parseCatalogQuery({}), 1);
    expect(facetCounts(facets.brand)).toEqual(countBy(visible, (a) => [a.brandSlug]));
    expect(facetCounts(facets.category)).toEqual(countBy(visible, (a) => [a.categorySlug]));
    expect(facetCounts(facets.vehicle)).toEqual(countBy(visible, (a) => a.vehicleBrandSlugs));
    expect(facetCounts(facets.season)).toEqual(countBy(visible, (a) => (a.season ? [a.season] : [])));
  });
});

describe('ACME (Michelin and Continental only)', () => {
  const acmeBrands = ['continental', 'michelin'];
  const pirelli = () => facts.find((a) => a.brandSlug === 'pirelli');
  const michelin = () => facts.find((a) => a.brandSlug === 'michelin');

  it('lists only Michelin and Continental, all of them', async () => {
    const listed = await listAllVisible(demo.db, await demo.scopeFor(demo.tenantIds.acme));
    expect([...new Set(listed.items.map((i) => i.brandSlug))].sort()).toEqual(acmeBrands);
    expect(listed.total).toBe(facts.filter((a) => acmeBrands.includes(a.brandSlug)).length);
  });

  it('offers only those two brands in the brand filter, even when one of them is selected', async () => {
    const scope = await demo.scopeFor(demo.tenantIds.acme);
    for (const params of [{}, { brand: 'michelin' }, { brand: 'pirelli' }, { q: 'pilot' }]) {
      const { facets } = await listVisibleArticles(demo.db, scope, parseCatalogQuery(params), 1);
      const values = facets.brand.map((f) => f.value).sort();
      expect(values.every((v) => acmeBrands.includes(v))).toBe(true);
      if (!('q' in params)) expect(values).toEqual(acmeBrands);
    }
  });

  it('finds nothing for a Pirelli search or a Pirelli brand filter typed into the URL', async () => {
    const acme = await demo.scopeFor(demo.tenantIds.acme);
    const atraxion = await demo.scopeFor(demo.tenantIds.atraxion);
    const search = await listVisibleArticles(demo.db, acme, parseCatalogQuery({ q: 'pirelli' }));
    expect(search.total).toBe(0);
    expect(search.items).toEqual([]);
    const byBrand = await listVisibleArticles(demo.db, acme, parseCatalogQuery({ brand: 'pirelli' }));
    expect(byBrand.total).toBe(0);
    // The same search finds Pirelli tyres at an unrestricted shop, so the zero above is the rule at work.
    const elsewhere = await listVisibleArticles(demo.db, atraxion, parseCatalogQuery({ q: 'pirelli' }));
    expect(elsewhere.total).toBe(facts.filter((a) => a.brandSlug === 'pirelli').length);
    expect(elsewhere.total).toBeGreaterThan(0);
  });

  it('answers a Pirelli product page with not-found, a Michelin one with the product; Atraxion shows the Pirelli', async () => {
    const p = pirelli();
    const m = michelin();
    if (!p || !m) throw new Error('demo catalog lacks Pirelli or Michelin');
    const acme = await demo.scopeFor(demo.tenantIds.acme);
    const atraxion = await demo.scopeFor(demo.tenantIds.atraxion);
    expect(await getVisibleArticleBySlug(demo.db, acme, p.slug)).toBeNull();
    const shown = await getVisibleArticleBySlug(demo.db, acme, m.slug);
    expect(shown?.id).toBe(m.id);
    expect(shown?.brandName).toBe('Michelin');
    expect(shown?.fitment.map((f) => f.slug).sort()).toEqual([...m.vehicleBrandSlugs].sort());
    const atPirelli = await getVisibleArticleBySlug(demo.db, atraxion, p.slug);
    expect(atPirelli?.id).toBe(p.id);
  });

  it('TyreDirect (tyres only) never shows a wheel, in listing or on a product page', async () => {
    const scope = await demo.scopeFor(demo.tenantIds.consumer);
    const listed = await listAllVisible(demo.db, scope);
    expect(listed.items.some((i) => i.kind === 'wheel')).toBe(false);
    const wheel = facts.find((a) => a.categorySlug === 'alloy-wheels');
    if (!wheel) throw new Error('demo catalog lacks alloy wheels');
    expect(await getVisibleArticleBySlug(demo.db, scope, wheel.slug)).toBeNull();
  });
});
