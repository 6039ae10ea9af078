import { describe, expect, it } from 'vitest';
import { isArticleVisible, NO_RESTRICTIONS } from './visibility';

const michelinSummer = { brandId: 1, categoryId: 10, vehicleBrandIds: [100, 101] };
const pirelliWinter = { brandId: 3, categoryId: 11, vehicleBrandIds: [102] };
const universalWheel = { brandId: 5, categoryId: 12, vehicleBrandIds: [] };

describe('isArticleVisible', () => {
  it('shows everything when no axis is restricted', () => {
    for (const a of [michelinSummer, pirelliWinter, universalWheel]) expect(isArticleVisible(a, NO_RESTRICTIONS)).toBe(true);
  });

  it('restricts by brand only when brands are listed', () => {
    const rules = { ...NO_RESTRICTIONS, brandIds: [1, 2] };
    expect(isArticleVisible(michelinSummer, rules)).toBe(true);
    expect(isArticleVisible(pirelliWinter, rules)).toBe(false);
  });

  it('requires every restricted axis to match', () => {
    const rules = { brandIds: [1, 3], categoryIds: [11], vehicleBrandIds: [] };
    expect(isArticleVisible(michelinSummer, rules)).toBe(false);
    expect(isArticleVisible(pirelliWinter, rules)).toBe(true);
  });

  it('matches the vehicle axis on any fitting vehicle brand and hides articles without fitment', () => {
    const rules = { ...NO_RESTRICTIONS, vehicleBrandIds: [101] };
    expect(isArticleVisible(michelinSummer, rules)).toBe(true);
    expect(isArticleVisible(pirelliWinter, rules)).toBe(false);
    expect(isArticleVisible(universalWheel, rules)).toBe(false);
  });
});
