import { and, count, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles } from '@/db/schema';
import { PAGE_SIZE, parseCatalogQuery } from '@/lib/catalog/catalog-query';
import { getVisibleArticleBySlug } from '@/lib/catalog/get-visible-article';
import { listVisibleArticles, type CatalogScope } from '@/lib/catalog/list-visible-articles';
import { parseTyreSize } from '@/lib/catalog/parse-tyre-size';
import { listAllVisible, loadArticleFacts, seedDemoForTest, sortedIds, type ArticleFacts, type DemoCatalog } from './support/demo-catalog';

let demo: DemoCatalog;
let facts: ArticleFacts[];
let atraxion: CatalogScope;
let acme: CatalogScope;
const ACME_BRANDS = ['continental', 'michelin'];

beforeAll(async () => {
  demo = await seedDemoForTest();
  facts = await loadArticleFacts(demo.db);
  [atraxion, acme] = await Promise.all([demo.scopeFor(demo.tenantIds.atraxion), demo.scopeFor(demo.tenantIds.acme)]);
});

afterAll(async () => demo.cleanup());

type Params = Record<string, string | string[] | undefined>;
const list = (scope: CatalogScope, params: Params, pageSize?: number) => listVisibleArticles(demo.db, scope, parseCatalogQuery(params), pageSize);
const facetCounts = (values: readonly { value: string; count: number }[]) => Object.fromEntries(values.map((v) => [v.value, v.count]));

function countBy(items: readonly ArticleFacts[], key: (a: ArticleFacts) => string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of items) for (const k of key(a)) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
}

describe('tyre size search', () => {
  const is2055516 = (a: { width: number; aspectRatio: number | null; rimDiameter: number }) => a.width === 205 && a.aspectRatio === 55 && a.rimDiameter === 16;

  it.each(['205/55 R16', '205/55R16', '205 55 16', '2055516', ' 205/55 zr16 '])('"%s" finds exactly the 205/55 R16 articles', async (q) => {
    const [direct] = await demo.db
      .select({ n: count() })
      .from(articles)
      .where(and(eq(articles.width, 205), eq(articles.aspectRatio, 55), eq(articles.rimDiameter, 16)));
    const { items, total } = await listAllVisible(demo.db, atraxion, { q });
    expect(direct?.n).toBeGreaterThan(0);
    expect(total).toBe(direct?.n);
    expect(items.length).toBe(total);
    expect(items.every(is2055516)).toBe(true);
  });

  it('a size search at ACME finds only its own brands in that size', async () => {
    const { items, total } = await listAllVisible(demo.db, acme, { q: '205/55 R16' });
    const expected = facts.filter((a) => is2055516(a) && ACME_BRANDS.includes(a.brandSlug));
    expect(expected.length).toBeGreaterThan(0);
    expect(sortedIds(items)).toEqual(expected.map((a) => a.id));
    expect(total).toBe(expected.length);
  });
});

describe('text search', () => {
  it('"mich pil" finds the Michelin Pilot range by word prefixes', async () => {
    const { items, total } = await listAllVisible(demo.db, atraxion, { q: 'mich pil' });
    const pilots = facts.filter((a) => /^Michelin Pilot /.test(a.name));
    expect(pilots.length).toBeGreaterThan(0);
    expect(total).toBe(items.length);
    for (const item of items) expect(item.name).toMatch(/\bmich.*\bpil|\bpil.*\bmich/i);
    expect(sortedIds(items)).toEqual(expect.arrayContaining(pilots.map((a) => a.id)));
    expect(items.length).toBe(pilots.length);
  });

  it('a brand name finds every article of that brand, across pages', async () => {
    const all = await listAllVisible(demo.db, atraxion, { q: 'michelin' });
    const michelin = facts.filter((a) => a.brandSlug === 'michelin');
    expect(sortedIds(all.items)).toEqual(michelin.map((a) => a.id));
  });

  // PostgreSQL's parser would read "CON-2055516-PC7-91W" as 'con', '-2055516' (a signed integer) and
  // 'pc7-91w'; the search vector turns separators into spaces first, like the query side does.
  it('a buyer typing a full article number finds that article', async () => {
    const sample = facts.filter((_, i) => i % 50 === 0);
    expect(sample.some((a) => a.categorySlug.endsWith('-wheels'))).toBe(true);
    for (const article of sample) {
      const { items } = await list(atraxion, { q: article.sku }, 50);
      expect({ sku: article.sku, found: items.some((i) => i.id === article.id) }).toEqual({ sku: article.sku, found: true });
    }
  });

  const hostile = [
    "'",
    '"',
    "michelin'",
    '"pilot sport"',
    "' or 1=1 --",
    '&',
    '|',
    '!',
    ':',
    '*',
    '()',
    '&|!:*()',
    'mich & | pil',
    '!michelin',
    'michelin:*',
    'a:* & b:*',
    '(mich',
    'pil)',
    '\\',
    '\\\\',
    'mich\\pil',
    "\\'; drop table articles; --",
    '<->',
    'mich <-> pil',
    '%',
    '_',
    '$1',
    '\u0000',
    'mich\u0000pil',
    '\ud800',
    '💥🛞',
    'Dębica',
    'ПИРЕЛЛИ',
    ' ',
    '205/55 R16 michelin',
    '999/99 R99',
    'x'.repeat(100),
    'x'.repeat(101),
    'a '.repeat(50),
  ];

  it.each(hostile)('a hostile query %j never breaks the catalog page', async (q) => {
    for (const scope of [atraxion, acme]) {
      const result = await list(scope, { q }, 5);
      expect(result.items.length).toBeLessThanOrEqual(result.total);
      if (scope === acme) expect(result.items.every((i) => ACME_BRANDS.includes(i.brandSlug))).toBe(true);
    }
  });

  it('500 random queries never throw and never show ACME another brand', async () => {
    const specials = fc.constantFrom(...'&|!:*()\'"\\<>-/%_ \t\n'.split(''), '<->', ':*', 'mich', 'pil', '205', 'R16', '\u0000');
    const q = fc
      .array(fc.oneof(specials, fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 6 })), {
        maxLength: 25,
      })
      .map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(q, async (text) => {
        const result = await list(acme, { q: text }, 3);
        expect(result.items.length).toBeLessThanOrEqual(result.total);
        expect(result.items.every((i) => ACME_BRANDS.includes(i.brandSlug))).toBe(true);
        const size = parseTyreSize(text.trim());
        if (size && text.trim().length <= 100) {
          expect(result.items.every((i) => i.width === size.width && i.aspectRatio === size.aspectRatio)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('random values in every URL parameter never throw', async () => {
    const value = fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('michelin', '205', '16', '-1', '1e9', 'NaN', ''));
    const params = fc.record(
      {
        q: value,
        brand: fc.oneof(value, fc.array(value, { maxLength: 4 })),
        category: value,
        season: value,
        vehicle: value,
        width: value,
        aspect: value,
        rim: value,
        stock: value,
        sort: value,
        page: value,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(params, async (p) => {
        const result = await list(acme, p, 3);
        expect(result.items.length).toBeLessThanOrEqual(result.total);
      }),
      { numRuns: 150 },
    );
  });

  // The product page takes its slug straight from the URL path, where %00 decodes to a NUL character.
  it('a product URL with a NUL byte in the slug is a 404, not a database error', async () => {
    await expect(getVisibleArticleBySlug(demo.db, atraxion, 'michelin\u0000pilot')).resolves.toBeNull();
  });

  it('a product URL with quotes or backslashes in the slug is simply not found', async () => {
    for (const slug of ["' or 1=1 --", '\\', '%', '_', '"; select 1; --']) {
      expect(await getVisibleArticleBySlug(demo.db, atraxion, slug)).toBeNull();
    }
  });
});

describe('filters and facets', () => {
  it('brand filter plus in-stock shows only those brands with stock, and all of them', async () => {
    const { items, total, facets } = await listAllVisible(demo.db, atraxion, { brand: ['michelin', 'pirelli'], stock: '1' });
    const expected = facts.filter((a) => ['michelin', 'pirelli'].includes(a.brandSlug) && a.stock > 0);
    expect(facts.some((a) => ['michelin', 'pirelli'].includes(a.brandSlug) && a.stock === 0)).toBe(true);
    expect(sortedIds(items)).toEqual(expected.map((a) => a.id));
    expect(total).toBe(expected.length);
    expect(facetCounts(facets.brand)).toEqual(
      countBy(
        facts.filter((a) => a.stock > 0),
        (a) => [a.brandSlug],
      ),
    );
  });

  it.each<Params>([{}, { q: 'michelin' }, { stock: '1' }, { brand: 'continental', season: 'winter' }, { vehicle: 'bmw' }, { q: '205/55 R16' }])(
    'category counts add up to the total for %j',
    async (params) => {
      const { total, facets } = await list(atraxion, params, 1);
      expect(total).toBeGreaterThan(0);
      expect(facets.category.reduce((sum, f) => sum + f.count, 0)).toBe(total);
    },
  );

  it('the brand facet ignores the selected brand, so a buyer can still add or switch brands', async () => {
    const { total, facets } = await list(atraxion, { brand: 'michelin', season: 'winter', stock: '1' }, 1);
    const inScope = facts.filter((a) => a.season === 'winter' && a.stock > 0);
    const brandCounts = facetCounts(facets.brand);
    expect(Object.keys(brandCounts).length).toBeGreaterThan(5);
    expect(brandCounts).toEqual(countBy(inScope, (a) => [a.brandSlug]));
    expect(brandCounts.michelin).toBe(total);
    // Picking another brand from the facet gives exactly the count it showed.
    const pirelli = await list(atraxion, { brand: 'pirelli', season: 'winter', stock: '1' }, 1);
    expect(pirelli.total).toBe(brandCounts.pirelli);
  });

  it('season and vehicle facets ignore their own selection but respect the others', async () => {
    const { total, facets } = await list(atraxion, { season: 'winter', vehicle: 'bmw', brand: 'continental' }, 1);
    const continental = facts.filter((a) => a.brandSlug === 'continental');
    expect(facetCounts(facets.season)).toEqual(
      countBy(
        continental.filter((a) => a.vehicleBrandSlugs.includes('bmw')),
        (a) => (a.season ? [a.season] : []),
      ),
    );
    expect(facetCounts(facets.vehicle)).toEqual(
      countBy(
        continental.filter((a) => a.season === 'winter'),
        (a) => a.vehicleBrandSlugs,
      ),
    );
    expect(total).toBe(continental.filter((a) => a.season === 'winter' && a.vehicleBrandSlugs.includes('bmw')).length);
  });

  it('size facets narrow with the size already chosen', async () => {
    const { facets } = await list(atraxion, { width: '205', rim: '16' }, 1);
    const expectedAspects = countBy(
      facts.filter((a) => a.width === 205 && a.rimDiameter === 16 && a.aspectRatio !== null),
      (a) => [String(a.aspectRatio)],
    );
    expect(facetCounts(facets.aspect)).toEqual(expectedAspects);
    expect(facetCounts(facets.rim)).toEqual(
      countBy(
        facts.filter((a) => a.width === 205),
        (a) => [String(a.rimDiameter)],
      ),
    );
  });
});

describe('sorting and pagination', () => {
  it('price low to high never goes down, high to low never goes up, over every page', async () => {
    const asc = (await listAllVisible(demo.db, atraxion, { sort: 'price-asc' }, 100)).items;
    const desc = (await listAllVisible(demo.db, atraxion, { sort: 'price-desc' }, 100)).items;
    expect(asc.length).toBe(facts.length);
    for (let i = 1; i < asc.length; i++) expect(asc[i]?.netPriceCents ?? 0).toBeGreaterThanOrEqual(asc[i - 1]?.netPriceCents ?? 0);
    for (let i = 1; i < desc.length; i++) expect(desc[i]?.netPriceCents ?? 0).toBeLessThanOrEqual(desc[i - 1]?.netPriceCents ?? 0);
    expect(sortedIds(desc)).toEqual(sortedIds(asc));
  });

  it('pages of the default size never overlap and together hold every result', async () => {
    const first = await list(acme, { stock: '1' });
    expect(first.pageSize).toBe(PAGE_SIZE);
    expect(first.pageCount).toBe(Math.ceil(first.total / PAGE_SIZE));
    expect(first.pageCount).toBeGreaterThan(1);
    const seen: number[] = [];
    for (let page = 1; page <= first.pageCount; page++) {
      const result = await list(acme, { stock: '1', page: String(page) });
      expect(result.total).toBe(first.total);
      expect(result.items.length).toBe(page < first.pageCount ? PAGE_SIZE : first.total - PAGE_SIZE * (first.pageCount - 1));
      seen.push(...result.items.map((i) => i.id));
    }
    expect(new Set(seen).size).toBe(seen.length);
    const expected = facts.filter((a) => ACME_BRANDS.includes(a.brandSlug) && a.stock > 0).map((a) => a.id);
    expect([...seen].sort((a, b) => a - b)).toEqual(expected);
  });

  it('a page past the end shows no items but still the right total', async () => {
    const first = await list(acme, { stock: '1' });
    const past = await list(acme, { stock: '1', page: String(first.pageCount + 1) });
    expect(past.items).toEqual([]);
    expect(past.total).toBe(first.total);
    expect(past.facets).toEqual(first.facets);
  });
});
