import 'server-only';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { articles, brands, categories } from '@/db/schema';
import { TenantMemo } from '@/lib/cache/tenant-memo';
import { currentNetPriceSql } from '@/lib/pricing/resolve-price';
import { PAGE_SIZE, type CatalogQuery } from './catalog-query';
import { isUnfiltered } from './catalog-filter-registry';
import { buildCatalogFilters, prefixTsQuery, whereAll, type CatalogFilters } from './catalog-filters';
import { getCatalogSummary, type CatalogSummary } from './catalog-summary';
import { getCatalogDimensions } from './catalog-dimensions';
import { countFacets, labelFacets } from './facets';
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

/** The default order, in stock first, then by name: read straight off articles_listing_idx. */
const listingOrder = () => [asc(sql`(${articles.stock} = 0)`), asc(articles.name), asc(articles.id)];

function orderFor(query: CatalogQuery, netPrice: SQL<number>): SQL[] {
  switch (query.sort) {
    case 'price-asc':
      return [asc(netPrice), asc(articles.id)];
    case 'price-desc':
      return [desc(netPrice), asc(articles.id)];
    case 'name':
      return [asc(articles.name), asc(articles.id)];
    default: {
      // Relevance for a text search; otherwise the listing order.
      const tsquery = query.q ? prefixTsQuery(query.q) : undefined;
      if (tsquery) {
        return [desc(sql`ts_rank(${articles.searchVector}, to_tsquery('simple', ${tsquery}))`), asc(articles.name), asc(articles.id)];
      }
      return listingOrder();
    }
  }
}

const usesListingOrder = (query: CatalogQuery) => query.sort === 'relevance' && !query.q;

// Facets and totals of filtered listings depend on the filters, not on the page or the order, and need
// not be exact to the second: they are kept per tenant and filter set, dropped when the tenant's rules or
// the catalog change. Kept unlabelled and bounded: searches make many distinct keys, and labelled facets of
// a few hundred values each made this memo the server's largest heap user.
const facetMemo = new TenantMemo<CatalogSummary>(60_000, 2_000);

/** The rules are part of the key, so facets computed under old rules are never served under new ones. */
function facetKey(query: CatalogQuery, rules: VisibilityRules): string {
  const { page: _page, sort: _sort, after: _after, ...filters } = query;
  return JSON.stringify({ ...filters, brands: [...filters.brands].sort(), rules });
}

async function loadSummary(db: Executor, scope: CatalogScope, query: CatalogQuery, filters: CatalogFilters) {
  const dims = await getCatalogDimensions(db);
  if (isUnfiltered(query)) {
    const { total, counts } = await getCatalogSummary(db, scope.tenantId, scope.rules);
    return { total, facets: labelFacets(counts, dims) };
  }
  const { total, counts } = await facetMemo.get(scope.tenantId, facetKey(query, scope.rules), () => countFacets(db, filters));
  return { total, facets: labelFacets(counts, dims) };
}

/** How many articles a listing has (kept with its facets, so the listing itself reuses the count). */
export async function countVisibleArticles(db: Executor, scope: CatalogScope, query: CatalogQuery): Promise<number> {
  return (await loadSummary(db, scope, query, buildCatalogFilters(scope.rules, query))).total;
}

/**
 * Where the page starts. In the listing order an `after` cursor is a keyset position (the index seeks
 * to it); otherwise the page number is an offset, bounded by MAX_PAGE.
 */
async function pageStart(db: Executor, query: CatalogQuery): Promise<SQL | undefined> {
  if (!query.after || !usesListingOrder(query)) return undefined;
  const [key] = await db
    .select({ outOfStock: sql<boolean>`${articles.stock} = 0`, name: articles.name, id: articles.id })
    .from(articles)
    .where(eq(articles.id, query.after));
  if (!key) return undefined;
  return sql`((${articles.stock} = 0), ${articles.name}, ${articles.id}) > (${key.outOfStock}::boolean, ${key.name}, ${key.id}::int)`;
}

/**
 * The page's rows. The ids are chosen first, from the index alone where the order allows it, and only
 * those rows are read and priced; a price order needs every visible row's price and is one query.
 */
async function loadPage(db: Executor, scope: CatalogScope, query: CatalogQuery, filters: CatalogFilters, pageSize: number) {
  const fields = articleSummaryFields(scope.tenantId);
  const order = orderFor(query, fields.netPriceCents);
  const rows = (where: SQL | undefined) =>
    db
      .select(fields)
      .from(articles)
      .innerJoin(brands, eq(brands.id, articles.brandId))
      .innerJoin(categories, eq(categories.id, articles.categoryId))
      .where(where);
  if (query.sort === 'price-asc' || query.sort === 'price-desc') {
    return rows(whereAll(filters))
      .orderBy(...order)
      .limit(pageSize)
      .offset((query.page - 1) * pageSize);
  }
  const start = await pageStart(db, query);
  const ids = db
    .select({ id: articles.id })
    .from(articles)
    .where(and(whereAll(filters), start))
    .orderBy(...order)
    .limit(pageSize)
    .offset(start ? 0 : (query.page - 1) * pageSize);
  return rows(inArray(articles.id, ids)).orderBy(...order);
}

/**
 * One page of the tenant's visible catalog with totals and facet counts, all filtered in SQL. The page's
 * rows (and so their prices) are always read fresh; only facets and the total are kept.
 */
export async function listVisibleArticles(db: Executor, scope: CatalogScope, query: CatalogQuery, pageSize = PAGE_SIZE) {
  const filters = buildCatalogFilters(scope.rules, query);
  const [items, summary] = await Promise.all([loadPage(db, scope, query, filters, pageSize), loadSummary(db, scope, query, filters)]);
  const { total, facets } = summary;
  const nextAfter = usesListingOrder(query) && items.length === pageSize ? items.at(-1)?.id : undefined;
  return { items, total, page: query.page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)), facets, nextAfter };
}

export { seasonLabel } from './seasons';
