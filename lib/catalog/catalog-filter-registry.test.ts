import { describe, expect, it } from 'vitest';
import { activeFilterCount, CATALOG_FILTERS, FILTER_KEYS, filterPanel, hiddenFilterFields, isUnfiltered, type FilterKey } from './catalog-filter-registry';
import { buildCatalogFilters } from './catalog-filters';
import { catalogQueryToSearch, parseCatalogQuery } from './catalog-query';
import { NO_RESTRICTIONS } from './visibility';

/** A URL value that each filter reads; a new filter fails to compile here until it has one. */
const EXAMPLES = {
  q: 'pilot sport',
  kind: 'tyre',
  brands: ['michelin', 'continental'],
  category: 'summer-tyres',
  season: 'winter',
  vehicle: 'bmw',
  width: '205',
  aspect: '55',
  rim: '16',
  inStock: '1',
} satisfies Record<FilterKey, string | string[]>;

const withOnly = (key: FilterKey) => parseCatalogQuery({ [CATALOG_FILTERS[key].param]: EXAMPLES[key] });

describe('the catalog filter registry', () => {
  it('reads each filter from its URL parameter and writes it back to the same search string', () => {
    for (const key of FILTER_KEYS) {
      const query = withOnly(key);
      const search = new URLSearchParams(catalogQueryToSearch(query));
      expect(search.getAll(CATALOG_FILTERS[key].param), key).toEqual([EXAMPLES[key]].flat());
      expect([...new Set(search.keys())], key).toEqual([CATALOG_FILTERS[key].param]);
    }
  });

  it('counts a listing with any one filter as filtered, so it is never served the stored unfiltered summary', () => {
    expect(isUnfiltered(parseCatalogQuery({}))).toBe(true);
    expect(isUnfiltered(parseCatalogQuery({ sort: 'name', page: '3', after: '7' }))).toBe(true);
    for (const key of FILTER_KEYS) expect(isUnfiltered(withOnly(key)), key).toBe(false);
  });

  it('gives every active filter a SQL condition: on its facet axis when it has one, else always applied', () => {
    const unfiltered = buildCatalogFilters(NO_RESTRICTIONS, parseCatalogQuery({}));
    for (const key of FILTER_KEYS) {
      const filters = buildCatalogFilters(NO_RESTRICTIONS, withOnly(key));
      const facet = CATALOG_FILTERS[key].facet;
      if (facet) expect(Object.keys(filters.byAxis), key).toEqual([facet]);
      else expect(filters.base.length, key).toBe(unfiltered.base.length + 1);
    }
  });

  it('counts only the filters that have a control in the panel as active, and carries the others hidden', () => {
    const all = parseCatalogQuery(Object.fromEntries(FILTER_KEYS.map((key) => [CATALOG_FILTERS[key].param, EXAMPLES[key]])));
    const panel = filterPanel(all);
    expect(activeFilterCount(all)).toBe(8);
    expect(panel.activeCount).toBe(8);
    expect(panel.hidden).toEqual([
      ['q', 'pilot sport'],
      ['kind', 'tyre'],
    ]);
    expect(panel.sections.map((s) => s.group ?? s.controls.map((c) => c.filter).join())).toEqual([
      'category',
      'season',
      'Size',
      'vehicle',
      'brands',
      'inStock',
    ]);
    expect(activeFilterCount(parseCatalogQuery({ q: 'pilot', kind: 'wheel' }))).toBe(0);
  });

  it('carries every filter through the sort form as hidden fields, as the URL has them', () => {
    const all = parseCatalogQuery(Object.fromEntries(FILTER_KEYS.map((key) => [CATALOG_FILTERS[key].param, EXAMPLES[key]])));
    expect(`?${new URLSearchParams(hiddenFilterFields(all)).toString()}`).toBe(catalogQueryToSearch({ ...all, sort: 'relevance', page: 1 }));
  });
});
