import type { Executor } from '@/db/client';
import { PAGE_SIZE, type CatalogQuery } from './catalog-query';
import { getCatalogDimensions } from './catalog-dimensions';
import { getCatalogSummary } from './catalog-summary';
import { labelFacets, type Facets } from './facets';
import { countVisibleArticles, type CatalogScope } from './list-visible-articles';

export interface ShopCatalog extends CatalogScope {
  /** The product kinds the shop shows at all (`listVisibleKinds`). */
  kinds: ReadonlyArray<'tyre' | 'wheel'>;
}

/**
 * A listing in terms of what the shop really has: each brand, category, vehicle make, season, width,
 * profile and rim that no article the shop shows carries is left out (as if it had not been asked
 * for: the same rule as a value that does not parse), brands are sorted, and a page past the last one
 * is the last one. Hidden and unknown values are dropped alike, so the answer tells nobody what another
 * shop sells.
 *
 * The render cache keys pages by this: there are only as many as the shop has real values, whatever
 * values a client makes up (`app/shop-cache/[host]/products/[query]`). It reads the shop's unfiltered
 * facets, which are kept in memory; only a page number above 1 also needs the listing's total, which
 * the listing then reuses.
 */
export async function canonicalCatalogQuery(db: Executor, shop: ShopCatalog, query: CatalogQuery): Promise<CatalogQuery> {
  const [summary, dims] = await Promise.all([getCatalogSummary(db, shop.tenantId, shop.rules), getCatalogDimensions(db)]);
  const real = realValues(labelFacets(summary.counts, dims));
  const known = <T extends string | number>(axis: keyof Facets, value: T | undefined) =>
    value !== undefined && real[axis].has(String(value)) ? value : undefined;
  const canonical: CatalogQuery = {
    ...query,
    brands: query.brands.filter((b) => real.brand.has(b)).sort(),
    kind: query.kind && shop.kinds.includes(query.kind) ? query.kind : undefined,
    category: known('category', query.category),
    season: known('season', query.season),
    vehicle: known('vehicle', query.vehicle),
    width: known('width', query.width),
    aspect: known('aspect', query.aspect),
    rim: known('rim', query.rim),
  };
  if (canonical.page > 1 && !canonical.after) {
    const total = await countVisibleArticles(db, shop, canonical);
    canonical.page = Math.min(canonical.page, Math.max(1, Math.ceil(total / PAGE_SIZE)));
  }
  return canonical;
}

function realValues(facets: Facets): Record<keyof Facets, Set<string>> {
  const values = Object.entries(facets).map(([axis, list]) => [axis, new Set(list.map((v) => v.value))]);
  return Object.fromEntries(values) as Record<keyof Facets, Set<string>>;
}
