import type { Executor } from '@/db/client';
import { CATALOG_FILTERS, FILTER_KEYS, type FacetAxis } from './catalog-filter-registry';
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
 * A listing in terms of what the shop really has: each value of a facet filter (brand, category,
 * vehicle make, season, width, profile, rim) that no article the shop shows carries is left out (as if
 * it had not been asked for: the same rule as a value that does not parse), brands are sorted, and a
 * page past the last one is the last one. Hidden and unknown values are dropped alike, so the answer tells nobody what another
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
  const canonical: CatalogQuery = { ...query, kind: query.kind && shop.kinds.includes(query.kind) ? query.kind : undefined };
  for (const key of FILTER_KEYS) {
    const facet: FacetAxis | undefined = CATALOG_FILTERS[key].facet;
    if (facet) Object.assign(canonical, { [key]: onlyReal(query[key], real[facet]) });
  }
  if (canonical.page > 1 && !canonical.after) {
    const total = await countVisibleArticles(db, shop, canonical);
    canonical.page = Math.min(canonical.page, Math.max(1, Math.ceil(total / PAGE_SIZE)));
  }
  return canonical;
}

/** A facet filter's value(s) that the shop has; a list sorted, so that its order makes no new page. */
function onlyReal(value: unknown, real: Set<string>): unknown {
  if (Array.isArray(value)) return value.filter((v) => real.has(String(v))).sort();
  return value !== undefined && real.has(String(value)) ? value : undefined;
}

function realValues(facets: Facets): Record<keyof Facets, Set<string>> {
  const values = Object.entries(facets).map(([axis, list]) => [axis, new Set(list.map((v) => v.value))]);
  return Object.fromEntries(values) as Record<keyof Facets, Set<string>>;
}
