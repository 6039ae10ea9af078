import { asc, count, desc, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { articles, articleVehicleBrands, brands, categories, vehicleBrands } from '@/db/schema';
import { currentNetPriceSql } from '@/lib/pricing/resolve-price';
import { PAGE_SIZE, type CatalogQuery } from './catalog-query';
import { buildCatalogFilters, prefixTsQuery, whereAll, type CatalogFilters, type FacetAxis } from './catalog-filters';
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

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

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

/** One page of the tenant's visible catalog with totals and facet counts, all filtered in SQL. */
export async function listVisibleArticles(db: Executor, scope: CatalogScope, query: CatalogQuery, pageSize = PAGE_SIZE) {
  const filters = buildCatalogFilters(scope.rules, query);
  const fields = articleSummaryFields(scope.tenantId);
  const [items, [totals], facets] = await Promise.all([
    db
      .select(fields)
      .from(articles)
      .innerJoin(brands, eq(brands.id, articles.brandId))
      .innerJoin(categories, eq(categories.id, articles.categoryId))
      .where(whereAll(filters))
      .orderBy(...orderFor(query, fields.netPriceCents))
      .limit(pageSize)
      .offset((query.page - 1) * pageSize),
    db.select({ total: count() }).from(articles).where(whereAll(filters)),
    loadFacets(db, filters),
  ]);
  const total = totals?.total ?? 0;
  return { items, total, page: query.page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)), facets };
}

async function loadFacets(db: Executor, filters: CatalogFilters): Promise<Record<FacetAxis, FacetValue[]>> {
  const n = sql<number>`count(*)`.mapWith(Number);
  const numeric = (axis: FacetAxis, column: typeof articles.width | typeof articles.aspectRatio | typeof articles.rimDiameter) =>
    db
      .select({ value: column, count: n })
      .from(articles)
      .where(sql`${whereAll(filters, axis)} and ${isNotNull(column)}`)
      .groupBy(column)
      .orderBy(column)
      .then((rows) => rows.map((r) => ({ value: String(r.value), label: String(r.value), count: r.count })));
  const [brand, category, season, vehicle, width, aspect, rim] = await Promise.all([
    db
      .select({ value: brands.slug, label: brands.name, count: n })
      .from(articles)
      .innerJoin(brands, eq(brands.id, articles.brandId))
      .where(whereAll(filters, 'brand'))
      .groupBy(brands.id)
      .orderBy(brands.name),
    db
      .select({ value: categories.slug, label: categories.name, count: n })
      .from(articles)
      .innerJoin(categories, eq(categories.id, articles.categoryId))
      .where(whereAll(filters, 'category'))
      .groupBy(categories.id)
      .orderBy(categories.sortOrder),
    db
      .select({ value: articles.season, count: n })
      .from(articles)
      .where(sql`${whereAll(filters, 'season')} and ${isNotNull(articles.season)}`)
      .groupBy(articles.season)
      .then((rows) => rows.map((r) => ({ value: String(r.value), label: seasonLabel(String(r.value)), count: r.count }))),
    db
      .select({ value: vehicleBrands.slug, label: vehicleBrands.name, count: sql<number>`count(distinct ${articles.id})`.mapWith(Number) })
      .from(articles)
      .innerJoin(articleVehicleBrands, eq(articleVehicleBrands.articleId, articles.id))
      .innerJoin(vehicleBrands, eq(vehicleBrands.id, articleVehicleBrands.vehicleBrandId))
      .where(whereAll(filters, 'vehicle'))
      .groupBy(vehicleBrands.id)
      .orderBy(vehicleBrands.name),
    numeric('width', articles.width),
    numeric('aspect', articles.aspectRatio),
    numeric('rim', articles.rimDiameter),
  ]);
  return { brand, category, season, vehicle, width, aspect, rim };
}

export function seasonLabel(season: string): string {
  return season === 'all_season' ? 'All-season' : season === 'winter' ? 'Winter' : season === 'summer' ? 'Summer' : season;
}
