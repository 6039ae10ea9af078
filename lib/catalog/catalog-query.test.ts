import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileString } from '@/tests/support/hostile-input';
import { catalogQueryToSearch, KINDS, MAX_PAGE, parseCatalogQuery, SEASONS, SORTS } from './catalog-query';
import { findTyreSize } from './parse-tyre-size';

describe('parseCatalogQuery', () => {
  it('reads every filter from the URL', () => {
    const q = parseCatalogQuery({
      q: ' pilot sport ',
      brand: ['michelin', 'continental'],
      category: 'summer-tyres',
      season: 'summer',
      vehicle: 'bmw',
      width: '205',
      aspect: '55',
      rim: '16',
      stock: '1',
      sort: 'price-asc',
      page: '3',
    });
    expect(q).toEqual({
      q: 'pilot sport',
      brands: ['michelin', 'continental'],
      category: 'summer-tyres',
      season: 'summer',
      vehicle: 'bmw',
      width: 205,
      aspect: 55,
      rim: 16,
      inStock: true,
      sort: 'price-asc',
      page: 3,
    });
  });

  it('drops each bad value on its own and keeps the rest', () => {
    const q = parseCatalogQuery({
      brand: ['michelin', "x'; drop table", 'MICHELIN'],
      season: 'spring',
      width: 'wide',
      rim: '16',
      sort: 'cheapest',
      page: '-4',
    });
    expect(q.brands).toEqual(['michelin']);
    expect(q.season).toBeUndefined();
    expect(q.width).toBeUndefined();
    expect(q.rim).toBe(16);
    expect(q.sort).toBe('relevance');
    expect(q.page).toBe(1);
  });

  it('reads a tyre size in the search as the size filter and searches the rest of the text', () => {
    expect(parseCatalogQuery({ q: '205/55 R16' })).toMatchObject({ q: undefined, width: 205, aspect: 55, rim: 16 });
    expect(parseCatalogQuery({ q: 'michelin 2055516' })).toMatchObject({ q: 'michelin', width: 205, aspect: 55, rim: 16 });
    expect(parseCatalogQuery({ q: 'michelin' }).width).toBeUndefined();
  });

  it('lets a size part given as its own parameter (a changed select) win over the typed size', () => {
    expect(parseCatalogQuery({ q: '205/55 R16', width: '225' })).toMatchObject({ q: undefined, width: 225, aspect: 55, rim: 16 });
    const changed = parseCatalogQuery({ q: 'pilot', width: '225', aspect: '55', rim: '16' });
    expect(catalogQueryToSearch(changed)).toBe('?q=pilot&width=225&aspect=55&rim=16');
  });

  it('keeps wheel widths (tenths of an inch) from the same width select', () => {
    expect(parseCatalogQuery({ kind: 'wheel', width: '75' }).width).toBe(75);
    expect(parseCatalogQuery({ width: '39' }).width).toBeUndefined();
  });

  it('round-trips through the URL without defaults', () => {
    const q = parseCatalogQuery({ brand: 'pirelli', rim: '17', page: '1' });
    expect(catalogQueryToSearch(q)).toBe('?brand=pirelli&rim=17');
    expect(parseCatalogQuery(Object.fromEntries(new URLSearchParams('brand=pirelli&rim=17')))).toEqual(q);
  });
});

describe('parseCatalogQuery: properties', () => {
  const slug = fc.stringMatching(/^[a-z0-9-]{1,20}$/);
  const value = fc.oneof(
    hostileString,
    slug,
    fc.integer({ min: -10, max: 1000 }).map(String),
    fc.constantFrom('1', 'true', 'tyre', 'winter', 'price-desc', '1e2', ' 205 ', '0x10'),
  );
  const keys = ['q', 'brand', 'kind', 'category', 'season', 'vehicle', 'width', 'aspect', 'rim', 'stock', 'sort', 'page', 'after', '__proto__', 'constructor'];
  const params = fc.record(Object.fromEntries(keys.map((key) => [key, fc.oneof(value, fc.array(value, { maxLength: 4 }), fc.constant(undefined))])), {
    requiredKeys: [],
  }) as fc.Arbitrary<Record<string, string | string[] | undefined>>;

  const inRange = (n: number | undefined, min: number, max: number) => n === undefined || (Number.isSafeInteger(n) && n >= min && n <= max);

  it('never fails the page; every kept filter is within its set or range', () => {
    fc.assert(
      fc.property(params, (raw) => {
        const query = parseCatalogQuery(raw);
        if (query.q !== undefined) {
          expect(query.q).toBe(query.q.trim());
          expect(query.q.length).toBeLessThanOrEqual(100);
        }
        expect(query.brands.length).toBeLessThanOrEqual(50);
        expect(new Set(query.brands).size).toBe(query.brands.length);
        for (const s of [...query.brands, query.category, query.vehicle]) if (s !== undefined) expect(s).toMatch(/^[a-z0-9-]{1,80}$/);
        if (query.kind !== undefined) expect(KINDS).toContain(query.kind);
        if (query.season !== undefined) expect(SEASONS).toContain(query.season);
        expect(SORTS).toContain(query.sort);
        expect(typeof query.inStock).toBe('boolean');
        expect(inRange(query.width, 40, 400) && inRange(query.aspect, 20, 95) && inRange(query.rim, 10, 26)).toBe(true);
        expect(inRange(query.page, 1, MAX_PAGE)).toBe(true);
        expect(inRange(query.after, 1, 2_147_483_647)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips any query through its URL', () => {
    const query = fc.record(
      {
        // A text holding a tyre size is read as the size filter, so it does not come back as text.
        q: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s !== '' && !findTyreSize(s)),
        brands: fc.uniqueArray(slug, { maxLength: 5 }),
        kind: fc.constantFrom(...KINDS),
        category: slug,
        season: fc.constantFrom(...SEASONS),
        vehicle: slug,
        width: fc.integer({ min: 40, max: 400 }),
        aspect: fc.integer({ min: 20, max: 95 }),
        rim: fc.integer({ min: 10, max: 26 }),
        inStock: fc.boolean(),
        sort: fc.constantFrom(...SORTS),
        page: fc.integer({ min: 1, max: MAX_PAGE }),
        after: fc.integer({ min: 1, max: 2_147_483_647 }),
      },
      { requiredKeys: ['brands', 'inStock', 'sort', 'page'] },
    );
    fc.assert(
      fc.property(query, (original) => {
        const search = new URLSearchParams(catalogQueryToSearch(original));
        const raw: Record<string, string | string[]> = {};
        for (const key of new Set(search.keys())) {
          const all = search.getAll(key);
          raw[key] = all.length === 1 ? all[0]! : all;
        }
        expect(parseCatalogQuery(raw)).toEqual(original);
      }),
      { numRuns: 300 },
    );
  });
});
