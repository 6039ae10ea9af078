import { describe, expect, it } from 'vitest';
import { FACET_AXES, type Facets } from './facets';
import { panelFacets, unpackFacetValue } from './panel-facets';

const facets: Facets = {
  brand: [
    { value: 'michelin', label: 'Michelin', count: 12 },
    { value: 'bf-goodrich', label: 'BFGoodrich', count: 3 },
  ],
  category: [{ value: 'summer-tyres', label: 'Summer tyres', count: 9 }],
  season: [{ value: 'all_season', label: 'All season', count: 4 }],
  vehicle: [],
  width: [
    { value: '75', label: '75', count: 2 },
    { value: '205', label: '205', count: 7 },
  ],
  aspect: [{ value: '55', label: '55', count: 7 }],
  rim: [{ value: '16', label: '16', count: 7 }],
};

describe('the filter panel’s facets', () => {
  it('reach the panel unchanged, in their order, on every axis', () => {
    const packed = panelFacets(facets);
    expect(Object.keys(packed).sort()).toEqual([...FACET_AXES].sort());
    for (const axis of FACET_AXES) expect(packed[axis].map(unpackFacetValue), axis).toEqual(facets[axis]);
  });

  it('carry a label only where it is not the value, so a size is two fields, not six', () => {
    const packed = panelFacets(facets);
    expect(packed.width).toEqual([
      ['75', 2],
      ['205', 7],
    ]);
    expect(packed.brand[0]).toEqual(['michelin', 12, 'Michelin']);
    expect(JSON.stringify(packed.width)).toBe('[["75",2],["205",7]]');
  });
});
