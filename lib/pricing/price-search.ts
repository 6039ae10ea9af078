import 'server-only';
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { articles, brands, type TenantArticlePrice } from '@/db/schema';
import { loadVisibilityRules, visibilityCondition } from '@/lib/catalog/visibility';
import { WITHOUT_NUL } from '@/lib/forms/storable-text';
import { currentNetPriceSql } from '@/lib/pricing/resolve-price';
import { findShownArticle, listOverrides, type PricedArticle } from './price-overrides';
import { windowStatuses, type WindowStatus } from './price-windows';
import { containsPattern } from '@/db/like';

export const PRICE_SEARCH_LIMIT = 25;

/** The page's query string; anything malformed falls back instead of failing the page. */
const priceListQuerySchema = z.object({
  q: z.string().regex(WITHOUT_NUL).trim().max(100).catch(''),
  article: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
});
export type PriceListQuery = z.infer<typeof priceListQuerySchema>;

export function parsePriceListQuery(params: Record<string, string | string[] | undefined>): PriceListQuery {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return priceListQuerySchema.parse({ q: first(params.q) ?? '', article: first(params.article) || undefined });
}

export interface PriceListRow extends PricedArticle {
  brandName: string;
  currentPriceCents: number;
  overrideCount: number;
}

/**
 * Articles this shop shows, by SKU or name; without a search, the ones that carry an override of the
 * shop, which is what an owner comes back to. One more row than shown tells the page there are more.
 */
export async function searchPricedArticles(db: Executor, tenantId: string, q: string): Promise<{ rows: PriceListRow[]; more: boolean }> {
  const rules = await loadVisibilityRules(db, tenantId);
  const overrideCount = sql<number>`(select count(*) from tenant_article_prices p
    where p.tenant_id = ${tenantId} and p.article_id = ${articles.id})`.mapWith(Number);
  const pattern = containsPattern(q);
  const matches = q ? or(ilike(articles.sku, pattern), ilike(articles.name, pattern)) : sql`${overrideCount} > 0`;
  const rows = await db
    .select({
      id: articles.id,
      sku: articles.sku,
      slug: articles.slug,
      name: articles.name,
      basePriceCents: articles.basePriceCents,
      currency: articles.currency,
      brandName: brands.name,
      currentPriceCents: currentNetPriceSql(tenantId, articles.id, articles.basePriceCents),
      overrideCount,
    })
    .from(articles)
    .innerJoin(brands, eq(brands.id, articles.brandId))
    .where(and(visibilityCondition(rules), matches))
    .orderBy(asc(articles.sku))
    .limit(PRICE_SEARCH_LIMIT + 1);
  return { rows: rows.slice(0, PRICE_SEARCH_LIMIT), more: rows.length > PRICE_SEARCH_LIMIT };
}

export interface ArticlePrices {
  article: PricedArticle & { currentPriceCents: number };
  overrides: Array<TenantArticlePrice & { status: WindowStatus }>;
}

/** One article's prices at this shop: base, current and every override labelled; null when not shown. */
export async function getArticlePrices(db: Executor, tenantId: string, articleId: number, now = new Date()): Promise<ArticlePrices | null> {
  const article = await findShownArticle(db, tenantId, articleId);
  if (!article) return null;
  const overrides = windowStatuses(await listOverrides(db, tenantId, articleId), now);
  const current = overrides.find((o) => o.status === 'current');
  return { article: { ...article, currentPriceCents: current?.priceCents ?? article.basePriceCents }, overrides };
}
