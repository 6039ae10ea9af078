import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { articles, articleVehicleBrands, brands, categories, vehicleBrands } from '@/db/schema';
import { articleSummaryFields, type CatalogScope } from './list-visible-articles';
import { visibilityCondition } from './visibility';

/** The article behind a product page, or null when it does not exist or the tenant may not show it. */
export async function getVisibleArticleBySlug(db: Executor, scope: CatalogScope, slug: string) {
  // Slugs are generated lower-case ASCII; anything else (including a NUL byte) cannot exist.
  if (!/^[a-z0-9-]{1,200}$/.test(slug)) return null;
  const [article] = await db
    .select({
      ...articleSummaryFields(scope.tenantId),
      description: articles.description,
      euNoiseClass: articles.euNoiseClass,
      boltPattern: articles.boltPattern,
      offsetMm: articles.offsetMm,
      currency: articles.currency,
    })
    .from(articles)
    .innerJoin(brands, eq(brands.id, articles.brandId))
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(and(eq(articles.slug, slug), visibilityCondition(scope.rules)))
    .limit(1);
  if (!article) return null;
  const fitment = await db
    .select({ slug: vehicleBrands.slug, name: vehicleBrands.name })
    .from(articleVehicleBrands)
    .innerJoin(vehicleBrands, eq(vehicleBrands.id, articleVehicleBrands.vehicleBrandId))
    .where(eq(articleVehicleBrands.articleId, article.id))
    .orderBy(vehicleBrands.name);
  return { ...article, fitment };
}
