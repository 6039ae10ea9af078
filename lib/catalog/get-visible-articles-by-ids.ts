import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { articles, brands, categories } from '@/db/schema';
import { articleSummaryFields, type ArticleSummary, type CatalogScope } from './list-visible-articles';
import { visibilityCondition } from './visibility';

/**
 * The articles among `ids` that the tenant may sell right now, with their current tenant price. An id
 * missing from the answer is hidden (or gone): carts and checkout treat it as not for sale.
 */
export async function getVisibleArticlesByIds(db: Executor, scope: CatalogScope, ids: number[]): Promise<Map<number, ArticleSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select(articleSummaryFields(scope.tenantId))
    .from(articles)
    .innerJoin(brands, eq(brands.id, articles.brandId))
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(and(inArray(articles.id, ids), visibilityCondition(scope.rules)));
  return new Map(rows.map((r) => [r.id, r]));
}
