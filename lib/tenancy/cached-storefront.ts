import { hasSessionCookie } from '@/lib/auth/session-cookie';
import { catalogQueryToSearch, parseCatalogQuery, type CatalogQuery } from '@/lib/catalog/catalog-query';

/**
 * The internal segment of the storefront pages that Next.js renders once and serves from its render
 * cache (`app/shop-cache/[host]/…`). Only what every signed-out visitor of a shop sees the same way goes
 * there: no cookie, header or customer is read while rendering, so a cached page cannot hold anybody's
 * session, prices or cart. Everyone else, and every other page, is rendered per request under `/shop`.
 */
const CACHED_SHOP_SEGMENT = 'shop-cache';

/** How long a shared cache (a CDN in front of the platform) may keep a render-cache page. */
const SHARED_CACHE_SECONDS = 10;

/**
 * The Cache-Control of every page served from the render cache, set by middleware so that Next's own
 * (`s-maxage=<revalidate>, stale-while-revalidate=<a year>`) never goes out. The same for a shop's page
 * and for the 404 of a closed or unknown shop, which middleware cannot tell apart: a CDN keeps either for
 * at most SHARED_CACHE_SECONDS and never serves it stale, so a deactivated shop is gone from every shared
 * cache that long after the platform stops serving it (at once: the render cache drops its pages).
 * Browsers revalidate every time.
 */
export const CACHED_STOREFRONT_CACHE_CONTROL = `public, max-age=0, s-maxage=${SHARED_CACHE_SECONDS}, must-revalidate`;

/** The products page's key for a listing with no filters, page 1. */
const ALL_PRODUCTS_KEY = 'all';

/**
 * The cache key of a catalog listing: its query in canonical form (defaults left out, brands sorted,
 * unknown parameters dropped), so `?brand=b&brand=a&utm_source=x` and `?brand=a&brand=b` share one
 * cached page. Null for listings that are not cached: text searches (a typed tyre size included) and
 * keyset cursors, whose values are unbounded. Values that parse but name nothing the shop has are
 * sent on by the cached page itself, which knows the shop (`canonical-catalog-query.ts`), so a stream
 * of made-up queries cannot churn the cache of the pages buyers share.
 */
export function catalogCacheKey(search: URLSearchParams): string | null {
  if (search.get('q')?.trim()) return null;
  const query = catalogQueryOf(search);
  if (query.q || query.after) return null;
  return catalogCacheKeyOf(query);
}

/** The cache key of a listing without text or cursor. */
export function catalogCacheKeyOf(query: CatalogQuery): string {
  const canonical = catalogQueryToSearch({ ...query, brands: [...query.brands].sort() }).slice(1);
  return canonical ? encodeURIComponent(canonical) : ALL_PRODUCTS_KEY;
}

/** A listing's filters from a query string (repeated parameters kept as lists). */
export function catalogQueryOf(search: URLSearchParams) {
  const params: Record<string, string[]> = {};
  for (const key of new Set(search.keys())) params[key] = search.getAll(key);
  return parseCatalogQuery(params);
}

/** The query string a cache key stands for (the inverse of `catalogCacheKey`). */
export function catalogSearchFromKey(key: string): URLSearchParams {
  return new URLSearchParams(key === ALL_PRODUCTS_KEY ? '' : decodeURIComponent(key));
}

export interface StorefrontRequest {
  method: string;
  /** The public path, already known to be on a tenant host. */
  pathname: string;
  search: URLSearchParams;
  cookieNames: Iterable<string>;
}

/**
 * Where a storefront request is served from the render cache, or null when it must be rendered for
 * this visitor. A session cookie, valid or not, always means a per-request render: the cookie alone
 * cannot tell a signed-in customer (personal prices, cart count) from an expired session.
 */
export function cachedStorefrontPath(host: string, request: StorefrontRequest): string | null {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  if (hasSessionCookie(request.cookieNames)) return null;
  const base = `/${CACHED_SHOP_SEGMENT}/${encodeURIComponent(host)}`;
  if (request.pathname === '/') return [...request.search.keys()].length === 0 ? base : null;
  if (request.pathname === '/products') {
    const key = catalogCacheKey(request.search);
    return key ? `${base}/products/${key}` : null;
  }
  return null;
}
