import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
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
