import { describe, expect, it } from 'vitest';
import { catalogQueryToSearch, parseCatalogQuery } from './catalog-query';

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

  it('round-trips through the URL without defaults', () => {
    const q = parseCatalogQuery({ brand: 'pirelli', rim: '17', page: '1' });
    expect(catalogQueryToSearch(q)).toBe('?brand=pirelli&rim=17');
    expect(parseCatalogQuery(Object.fromEntries(new URLSearchParams('brand=pirelli&rim=17')))).toEqual(q);
  });
});
