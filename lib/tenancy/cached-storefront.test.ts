import { describe, expect, it } from 'vitest';
import { parseCatalogQuery } from '@/lib/catalog/catalog-query';
import { cachedStorefrontPath, catalogCacheKey, catalogSearchFromKey } from './cached-storefront';

const visit = (pathname: string, search = '', cookieNames: string[] = [], method = 'GET') =>
  cachedStorefrontPath('acme.localhost', { method, pathname, search: new URLSearchParams(search), cookieNames });

describe('cachedStorefrontPath', () => {
  it('sends a signed-out visitor of the home page and listings to the render cache', () => {
    expect(visit('/')).toBe('/shop-cache/acme.localhost');
    expect(visit('/products')).toBe('/shop-cache/acme.localhost/products/all');
    expect(visit('/products', 'page=3')).toBe(`/shop-cache/acme.localhost/products/${encodeURIComponent('page=3')}`);
    expect(visit('/products', '', ['theme', 'authjs.csrf-token'], 'HEAD')).toBe('/shop-cache/acme.localhost/products/all');
  });

  it('renders per request for anyone with a session cookie, valid or not', () => {
    expect(visit('/products', '', ['authjs.session-token'])).toBeNull();
    expect(visit('/', '', ['__Secure-authjs.session-token'])).toBeNull();
    expect(visit('/products', 'page=2', ['authjs.session-token.0'])).toBeNull();
  });

  it('never caches other pages, other methods, searches or cursors', () => {
    expect(visit('/cart')).toBeNull();
    expect(visit('/account')).toBeNull();
    expect(visit('/products/michelin-pilot-sport-5')).toBeNull();
    expect(visit('/products', '', [], 'POST')).toBeNull();
    expect(visit('/products', 'q=michelin')).toBeNull();
    expect(visit('/products', 'after=1234')).toBeNull();
    // A typed size is a search too, answered as typed (a size the shop lacks shows as such).
    expect(visit('/products', 'q=205%2F55+R16')).toBeNull();
    expect(visit('/', 'ref=newsletter')).toBeNull();
  });

  it('keys the same listing the same way however its URL is written', () => {
    const a = catalogCacheKey(new URLSearchParams('brand=pirelli&brand=michelin&utm_source=mail&page=1'));
    const b = catalogCacheKey(new URLSearchParams('brand=michelin&brand=pirelli'));
    expect(a).toBe(b);
    expect(catalogCacheKey(new URLSearchParams('page=2'))).not.toBe(catalogCacheKey(new URLSearchParams('page=3')));
    expect(catalogCacheKey(new URLSearchParams('page=abc&width=banana'))).toBe('all');
  });

  it('turns a key back into the listing it stands for', () => {
    const search = new URLSearchParams('brand=pirelli&brand=michelin&width=205&aspect=55&rim=16&stock=1&sort=price-asc&page=4&season=winter');
    const key = catalogCacheKey(search)!;
    const back = Object.fromEntries([...new Set(catalogSearchFromKey(key).keys())].map((k) => [k, catalogSearchFromKey(key).getAll(k)]));
    const original = parseCatalogQuery(Object.fromEntries([...new Set(search.keys())].map((k) => [k, search.getAll(k)])));
    expect(parseCatalogQuery(back)).toEqual({ ...original, brands: ['michelin', 'pirelli'] });
    expect(catalogSearchFromKey('all').toString()).toBe('');
  });
});
