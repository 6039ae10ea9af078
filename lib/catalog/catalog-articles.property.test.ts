import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { MAX_PRICE_CENTS } from '@/lib/pricing/price-input';
import { expectStorableText, hostileForm, hostileString, thrownBy } from '@/tests/support/hostile-input';
import { applyChange, parseBulkPriceChange } from '@/lib/pricing/bulk-price-change';
import { articleToInput, MAX_STOCK, parseArticleInput, type ArticleInput, type TaxonomyLookup } from './article-input';
import { parseCatalogCsv } from './import-catalog-csv';

const taxonomy: TaxonomyLookup = {
  brands: [
    { id: 1, slug: 'michelin', name: 'Michelin' },
    { id: 2, slug: 'bbs', name: 'BBS' },
  ],
  categories: [
    { id: 1, slug: 'summer-tyres', name: 'Summer tyres', kind: 'tyre', season: 'summer' },
    { id: 4, slug: 'alloy-wheels', name: 'Alloy wheels', kind: 'wheel', season: null },
  ],
  vehicleBrands: [
    { id: 1, slug: 'audi', name: 'Audi' },
    { id: 2, slug: 'bmw', name: 'BMW' },
  ],
};
const FIELDS: (keyof ArticleInput)[] = [
  'sku',
  'name',
  'description',
  'brand',
  'category',
  'width',
  'aspectRatio',
  'rimDiameter',
  'loadIndex',
  'speedRating',
  'euFuelClass',
  'euWetGripClass',
  'euNoiseDb',
  'euNoiseClass',
  'boltPattern',
  'offsetMm',
  'stock',
  'basePrice',
  'vehicleMakes',
];

const tyre = fc.record({
  sku: fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{2,20}$/),
  name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 /]{2,40}[A-Za-z0-9]$/),
  description: fc.constant(''),
  brand: fc.constantFrom('michelin', 'Michelin', ' MICHELIN ', '1'),
  category: fc.constantFrom('summer-tyres', 'Summer tyres'),
  width: fc.integer({ min: 100, max: 400 }).map(String),
  aspectRatio: fc.integer({ min: 20, max: 95 }).map(String),
  rimDiameter: fc.integer({ min: 10, max: 30 }).map(String),
  loadIndex: fc.option(fc.integer({ min: 50, max: 130 }).map(String), { nil: '' }),
  speedRating: fc.constantFrom('', 'H', 'v', 'W'),
  euFuelClass: fc.constantFrom('', 'A', 'e'),
  euWetGripClass: fc.constantFrom('', 'B'),
  euNoiseDb: fc.option(fc.integer({ min: 50, max: 90 }).map(String), { nil: '' }),
  euNoiseClass: fc.constantFrom('', 'A', 'c'),
  boltPattern: fc.constant(''),
  offsetMm: fc.constant(''),
  stock: fc.integer({ min: 0, max: MAX_STOCK }).map(String),
  basePrice: fc.integer({ min: 1, max: MAX_PRICE_CENTS }).map((c) => `${Math.trunc(c / 100)}.${String(c % 100).padStart(2, '0')}`),
  vehicleMakes: fc.subarray(['audi', 'BMW', 'Audi']).map((l) => l.join('|')),
});

describe('parseArticleInput', () => {
  it('never throws, and everything it accepts fits the columns and the kind', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileForm(FIELDS),
          tyre.chain((valid) => hostileForm(FIELDS).map((hostile) => ({ ...valid, ...hostile }))),
        ),
        (input) => {
          const result = parseArticleInput(input as ArticleInput, taxonomy);
          if (!result.ok) {
            for (const message of Object.values(result.fieldErrors)) expect(typeof message === 'string' && message.trim().length > 0).toBe(true);
            return;
          }
          const v = result.value;
          expect(v.sku).toMatch(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/);
          expectStorableText(v.name);
          expectStorableText(v.description);
          expect(v.name.length >= 2 && v.name.length <= 160).toBe(true);
          expect(Number.isSafeInteger(v.basePriceCents) && v.basePriceCents >= 1 && v.basePriceCents <= MAX_PRICE_CENTS).toBe(true);
          expect(Number.isSafeInteger(v.stock) && v.stock >= 0 && v.stock <= MAX_STOCK).toBe(true);
          expect(taxonomy.brands.map((b) => b.id)).toContain(v.brandId);
          if (v.kind === 'tyre') {
            expect(v.width >= 100 && v.width <= 400 && v.aspectRatio !== null && v.boltPattern === null && v.offsetMm === null).toBe(true);
          } else {
            expect(v.width >= 40 && v.width <= 150 && v.aspectRatio === null && v.speedRating === null && v.euFuelClass === null).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('accepts valid tyres, and reads back what it shows (form → values → form → same values)', () => {
    fc.assert(
      fc.property(tyre, (input) => {
        const first = parseArticleInput(input, taxonomy);
        expect(first.ok, JSON.stringify(first)).toBe(true);
        if (!first.ok) return;
        const slugs = (first.value.vehicleBrandIds ?? []).map((id) => taxonomy.vehicleBrands.find((b) => b.id === id)!.slug);
        const shown = articleToInput({ ...first.value, brandSlug: 'michelin', categorySlug: 'summer-tyres' }, slugs);
        const second = parseArticleInput(shown, taxonomy);
        expect(second).toEqual(first);
      }),
    );
  });
});

describe('parseCatalogCsv', () => {
  it('never throws anything but a readable file error, and keeps every row it returns', () => {
    const line = hostileString.filter((s) => !/[\r\n]/.test(s));
    fc.assert(
      fc.property(fc.constantFrom('sku,name,stock', 'sku;base_price', 'SKU', 'name', '', 'sku,sku'), fc.array(line, { maxLength: 8 }), (header, lines) => {
        let rows: ReturnType<typeof parseCatalogCsv>['rows'] = [];
        const error = thrownBy(() => {
          rows = parseCatalogCsv(new TextEncoder().encode([header, ...lines].join('\n'))).rows;
        });
        if (error !== undefined) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe('VALIDATION_FAILED');
          expect((error as AppError).message.trim()).not.toBe('');
          return;
        }
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.length).toBeLessThanOrEqual(lines.length);
        for (const row of rows) expect(row.row).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseBulkPriceChange', () => {
  it('throws only readable validation errors; an accepted change is non-zero, bounded and keeps prices whole cents', () => {
    fc.assert(
      fc.property(
        hostileForm(['mode', 'change', 'brand', 'category']),
        fc.constantFrom('percent', 'amount'),
        fc.integer({ min: 1, max: MAX_PRICE_CENTS }),
        (raw, mode, cents) => {
          for (const input of [raw, { ...raw, mode }]) {
            let change: ReturnType<typeof parseBulkPriceChange> | undefined;
            const error = thrownBy(() => {
              change = parseBulkPriceChange(input);
            });
            if (error !== undefined) {
              expect(error).toBeInstanceOf(AppError);
              expect((error as AppError).code).toBe('VALIDATION_FAILED');
              continue;
            }
            expect(change!.value).not.toBe(0);
            expect(change!.mode === 'percent' ? change!.value >= -9_000 && change!.value <= 50_000 : Math.abs(change!.value) <= 1_000_000).toBe(true);
            expect(Number.isSafeInteger(applyChange(cents, change!))).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
