import 'server-only';
import { and, eq, gt, sql, type SQL } from 'drizzle-orm';
import { articles } from '@/db/schema';
import type { CatalogQuery } from './catalog-query';
import { visibilityCondition, type VisibilityRules } from './visibility';

/** Filter axes that have a facet; a facet's counts apply every filter except its own. */
export type FacetAxis = 'brand' | 'category' | 'season' | 'vehicle' | 'width' | 'aspect' | 'rim';

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

export interface CatalogFilters {
  /** Always applied: visibility and free text. */
  base: SQL[];
  byAxis: Partial<Record<FacetAxis, SQL>>;
}

export function buildCatalogFilters(rules: VisibilityRules, query: CatalogQuery): CatalogFilters {
  const base: SQL[] = [visibilityCondition(rules)];
  const byAxis: Partial<Record<FacetAxis, SQL>> = {};
  // A size typed into the search is already the width, aspect and rim filter (parseCatalogQuery).
  const { width, aspect, rim } = query;
  if (query.q) {
    const text = textSearchCondition(query.q);
    if (text) base.push(text);
  }
  if (query.inStock) base.push(gt(articles.stock, 0));
  if (query.kind) base.push(eq(articles.kind, query.kind));
  if (query.brands.length > 0) {
    byAxis.brand = sql`${articles.brandId} in (select id from brands where slug = any(${slugs(query.brands)}))`;
  }
  if (query.category) byAxis.category = sql`${articles.categoryId} = (select id from categories where slug = ${query.category})`;
  if (query.season) byAxis.season = eq(articles.season, query.season);
  if (query.vehicle) {
    byAxis.vehicle = sql`exists (select 1 from article_vehicle_brands avb join vehicle_brands vb on vb.id = avb.vehicle_brand_id
      where avb.article_id = ${articles.id} and vb.slug = ${query.vehicle})`;
  }
  if (width) byAxis.width = eq(articles.width, width);
  if (aspect) byAxis.aspect = eq(articles.aspectRatio, aspect);
  if (rim) byAxis.rim = eq(articles.rimDiameter, rim);
  return { base, byAxis };
}

export function whereAll(filters: CatalogFilters, except?: FacetAxis): SQL | undefined {
  const axisParts = Object.entries(filters.byAxis)
    .filter(([axis]) => axis !== except)
    .map(([, condition]) => condition);
  return and(...filters.base, ...axisParts);
}
