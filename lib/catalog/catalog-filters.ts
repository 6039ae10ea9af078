import 'server-only';
import { and, eq, gt, sql, type SQL } from 'drizzle-orm';
import { articles } from '@/db/schema';
import { CATALOG_FILTERS, FILTER_KEYS, isFilterActive, type FacetAxis, type FilterKey, type FilterValues } from './catalog-filter-registry';
import type { CatalogQuery } from './catalog-query';
import { visibilityCondition, type VisibilityRules } from './visibility';

export type { FacetAxis } from './catalog-filter-registry';

const slugs = (values: string[]) => sql`${`{${values.join(',')}}`}::text[]`;

/**
 * Prefix search on name and SKU: "mich pil" finds "Michelin Pilot Sport 5". Only letters and digits
 * reach to_tsquery, so no input can make it throw.
 */
export function prefixTsQuery(q: string): string | undefined {
  const tokens = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8)
    .map((t) => `${t}:*`);
  return tokens.length > 0 ? tokens.join(' & ') : undefined;
}

function textSearchCondition(q: string): SQL | undefined {
  const tsquery = prefixTsQuery(q);
  if (!tsquery) return undefined;
  return sql`${articles.searchVector} @@ to_tsquery('simple', ${tsquery})`;
}

/**
 * Each filter's WHERE fragment on `articles`, asked only while the filter is active (so a list is never
 * empty and a flag is always on). A filter with a facet counts its own facet without this condition.
 */
const FILTER_CONDITIONS: { [K in FilterKey]: (value: NonNullable<FilterValues[K]>) => SQL | undefined } = {
  q: (q) => textSearchCondition(q),
  kind: (kind) => eq(articles.kind, kind),
  brands: (values) => sql`${articles.brandId} in (select id from brands where slug = any(${slugs(values)}))`,
  category: (category) => sql`${articles.categoryId} = (select id from categories where slug = ${category})`,
  season: (season) => eq(articles.season, season),
  vehicle: (vehicle) => sql`exists (select 1 from article_vehicle_brands avb join vehicle_brands vb on vb.id = avb.vehicle_brand_id
      where avb.article_id = ${articles.id} and vb.slug = ${vehicle})`,
  width: (width) => eq(articles.width, width),
  aspect: (aspect) => eq(articles.aspectRatio, aspect),
  rim: (rim) => eq(articles.rimDiameter, rim),
  inStock: () => gt(articles.stock, 0),
};

function conditionOf<K extends FilterKey>(key: K, query: FilterValues): SQL | undefined {
  return FILTER_CONDITIONS[key](query[key] as NonNullable<FilterValues[K]>);
}

export interface CatalogFilters {
  /** Always applied: visibility and the filters without a facet. */
  base: SQL[];
  byAxis: Partial<Record<FacetAxis, SQL>>;
}

export function buildCatalogFilters(rules: VisibilityRules, query: CatalogQuery): CatalogFilters {
  const base: SQL[] = [visibilityCondition(rules)];
  const byAxis: Partial<Record<FacetAxis, SQL>> = {};
  // A size typed into the search is already the width, aspect and rim filter (parseCatalogQuery).
  for (const key of FILTER_KEYS) {
    if (!isFilterActive(key, query)) continue;
    const condition = conditionOf(key, query);
    if (!condition) continue;
    const facet: FacetAxis | undefined = CATALOG_FILTERS[key].facet;
    if (facet) byAxis[facet] = condition;
    else base.push(condition);
  }
  return { base, byAxis };
}

export function whereAll(filters: CatalogFilters, except?: FacetAxis): SQL | undefined {
  const axisParts = Object.entries(filters.byAxis)
    .filter(([axis]) => axis !== except)
    .map(([, condition]) => condition);
  return and(...filters.base, ...axisParts);
}
