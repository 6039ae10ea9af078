import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
import { hostileValue } from '@/tests/support/hostile-input';
import { rulesWithinScope } from './assortment-rules';
import type { AssortmentScope } from './assortment-scope';

const option = (id: number) => ({ id, slug: `o${id}`, name: `Option ${id}` });
const scope = (narrowedBrands: boolean): AssortmentScope => ({
  brands: [option(1), option(2)],
  categories: [{ ...option(10), kind: 'tyre' }],
  vehicleBrands: [option(20)],
  narrowed: { brands: narrowedBrands, categories: false, vehicleBrands: false },
});

describe('rulesWithinScope', () => {
  it('keeps "nothing ticked" as no restriction when the scope is the whole catalog', () => {
    expect(rulesWithinScope({ brandIds: [], categoryIds: [], vehicleBrandIds: [] }, scope(false)).brandIds).toEqual([]);
  });

  it('turns "nothing ticked" into the whole scope on an axis the administrators narrowed', () => {
    expect(rulesWithinScope({ brandIds: [], categoryIds: [], vehicleBrandIds: [] }, scope(true)).brandIds).toEqual([1, 2]);
    expect(rulesWithinScope({ brandIds: [2], categoryIds: [], vehicleBrandIds: [] }, scope(true)).brandIds).toEqual([2]);
  });

  it('refuses an id outside the scope', () => {
    const error = (() => {
      try {
        return rulesWithinScope({ brandIds: [3], categoryIds: [], vehicleBrandIds: [] }, scope(true));
      } catch (e) {
        return e;
      }
    })();
    expect(isAppError(error, 'VALIDATION_FAILED')).toBe(true);
  });
});

describe('rulesWithinScope: properties', () => {
  const ids = fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 8 });
  const arbitraryScope = fc
    .record({
      brands: ids,
      categories: ids,
      vehicleBrands: ids,
      narrowed: fc.record({ brands: fc.boolean(), categories: fc.boolean(), vehicleBrands: fc.boolean() }),
    })
    .map(
      ({ brands, categories, vehicleBrands, narrowed }): AssortmentScope => ({
        brands: brands.map(option),
        categories: categories.map((id) => ({ ...option(id), kind: 'tyre' as const })),
        vehicleBrands: vehicleBrands.map(option),
        narrowed,
      }),
    );
  const idish = fc.oneof(
    fc.integer({ min: -2, max: 70 }),
    fc.integer({ min: 1, max: 70 }).map(String),
    fc.constantFrom('1e1', ' 3 ', '0x2', '2.0', 2 ** 53, 1e300, Number.NaN),
    hostileValue,
  );
  const axis = fc.oneof(fc.array(idish, { maxLength: 6 }), hostileValue, fc.constant(undefined));

  it('throws only VALIDATION_FAILED; accepted rules are unique ids from the scope', () => {
    fc.assert(
      fc.property(fc.oneof(fc.record({ brandIds: axis, categoryIds: axis, vehicleBrandIds: axis }), hostileValue), arbitraryScope, (raw, allowed) => {
        let rules: ReturnType<typeof rulesWithinScope> | undefined;
        try {
          rules = rulesWithinScope(raw, allowed);
        } catch (error) {
          expect(isAppError(error, 'VALIDATION_FAILED')).toBe(true);
          expect((error as Error).message.trim()).not.toBe('');
          return;
        }
        const check = (values: number[], options: { id: number }[], narrowed: boolean | undefined) => {
          const known = new Set(options.map((o) => o.id));
          for (const id of values) expect(known.has(id)).toBe(true);
          expect(new Set(values).size).toBe(values.length);
          for (const id of values) expect(Number.isSafeInteger(id)).toBe(true);
          if (narrowed && options.length > 0) expect(values.length).toBeGreaterThan(0);
        };
        check(rules.brandIds, allowed.brands, allowed.narrowed?.brands);
        check(rules.categoryIds, allowed.categories, allowed.narrowed?.categories);
        check(rules.vehicleBrandIds, allowed.vehicleBrands, allowed.narrowed?.vehicleBrands);
      }),
      { numRuns: 500 },
    );
  });
});
