import { asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { articles, brands, categories } from '@/db/schema';
import { TenantMemo } from '@/lib/cache/tenant-memo';
import { currentNetPriceSql } from '@/lib/pricing/resolve-price';
import { PAGE_SIZE, type CatalogQuery } from './catalog-query';
import { buildCatalogFilters, prefixTsQuery, whereAll } from './catalog-filters';
import { getCatalogDimensions } from './catalog-dimensions';
import { loadFacets, type Facets } from './facets';
import { parseTyreSize } from './parse-tyre-size';
import type { VisibilityRules } from './visibility';

export interface CatalogScope {
  tenantId: string;
  rules: VisibilityRules;
}

export function articleSummaryFields(tenantId: string) {
  return {
    id: articles.id,
    slug: articles.slug,
    sku: articles.sku,
    name: articles.name,
    kind: articles.kind,
    season: articles.season,
    width: articles.width,
    aspectRatio: articles.aspectRatio,
    rimDiameter: articles.rimDiameter,
    loadIndex: articles.loadIndex,
    speedRating: articles.speedRating,
    euFuelClass: articles.euFuelClass,
    euWetGripClass: articles.euWetGripClass,
    euNoiseDb: articles.euNoiseDb,
    stock: articles.stock,
    basePriceCents: articles.basePriceCents,
    netPriceCents: currentNetPriceSql(tenantId, articles.id, articles.basePriceCents),
    brandName: brands.name,
    brandSlug: brands.slug,
    categoryName: categories.name,
    categorySlug: categories.slug,
  };
}

export type ArticleSummary = Awaited<ReturnType<typeof listVisibleArticles>>['items'][number];
export type { FacetValue } from './facets';

function orderFor(query: CatalogQuery, netPrice: SQL<number>): SQL[] {
  switch (query.sort) {
    case 'price-asc':
      return [asc(netPrice), asc(articles.id)];
    case 'price-desc':
      return [desc(netPrice), asc(articles.id)];
    case 'name':
      return [asc(articles.name), asc(articles.id)];
    default:
      // Relevance for a text search; otherwise what is in stock first, then by name.
      const tsquery = query.q ? prefixTsQuery(query.q) : undefined;
      if (tsquery && !parseTyreSize(query.q ?? '')) {
        return [desc(sql`ts_rank(${articles.searchVector}, to_tsquery('simple', ${tsquery}))`), asc(articles.name), asc(articles.id)];
      }
      return [desc(sql`(${articles.stock} > 0)`), asc(articles.name), asc(articles.id)];
  }
}

// Facets and totals depend on the filters, not on the page or the order, and need not be exact to the
// second: they are kept per tenant and filter set, dropped when the tenant's rules change.
const facetMemo = new TenantMemo<{ total: number; facets: Facets }>(60_000);

/** The rules are part of the key, so facets computed under old rules are never served under new ones. */
export function facetKey(query: CatalogQuery, rules: VisibilityRules): string {
  const { page: _page, sort: _sort, ...filters } = query;
  return JSON.stringify({ ...filters, brands: [...filters.brands].sort(), rules });
}

/**
 * One page of the tenant's visible catalog with totals and facet counts, all filtered in SQL. The page's
 * rows (and so their prices) are always read fresh; only facets and the total come from the memo.
 */
export async function listVisibleArticles(db: Executor, scope: CatalogScope, query: CatalogQuery, pageSize = PAGE_SIZE) {
  const filters = buildCatalogFilters(scope.rules, query);
  const fields = articleSummaryFields(scope.tenantId);
  const [items, summary] = await Promise.all([
    db
      .select(fields)
      .from(articles)
      .innerJoin(brands, eq(brands.id, articles.brandId))
      .innerJoin(categories, eq(categories.id, articles.categoryId))
      .where(whereAll(filters))
      .orderBy(...orderFor(query, fields.netPriceCents))
      .limit(pageSize)
      .offset((query.page - 1) * pageSize),
    facetMemo.get(scope.tenantId, facetKey(query, scope.rules), async () => loadFacets(db, filters, await getCatalogDimensions(db))),
  ]);
  const { total, facets } = summary;
  return { items, total, page: query.page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)), facets };
}

export { seasonLabel } from './seasons';
