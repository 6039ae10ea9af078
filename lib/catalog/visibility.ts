import 'server-only';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { articles, tenantVisibleBrands, tenantVisibleCategories, tenantVisibleVehicleBrands } from '@/db/schema';

/** A tenant's allowed sets; an empty set means no restriction on that axis. */
export interface VisibilityRules {
  brandIds: number[];
  categoryIds: number[];
  vehicleBrandIds: number[];
}

export const NO_RESTRICTIONS: VisibilityRules = { brandIds: [], categoryIds: [], vehicleBrandIds: [] };

export interface VisibilitySubject {
  brandId: number;
  categoryId: number;
  vehicleBrandIds: readonly number[];
}

/**
 * The rule in plain code: every restricted axis must match. On the vehicle axis an article matches when
 * it fits at least one allowed vehicle brand (an article with no fitment data does not). The SQL twin is
 * `visibilityCondition`; the integration tests check both agree on the whole demo catalog.
 */
export function isArticleVisible(article: VisibilitySubject, rules: VisibilityRules): boolean {
  if (rules.brandIds.length > 0 && !rules.brandIds.includes(article.brandId)) return false;
  if (rules.categoryIds.length > 0 && !rules.categoryIds.includes(article.categoryId)) return false;
  if (rules.vehicleBrandIds.length > 0 && !article.vehicleBrandIds.some((id) => rules.vehicleBrandIds.includes(id))) {
    return false;
  }
  return true;
}

export async function loadVisibilityRules(db: Executor, tenantId: string): Promise<VisibilityRules> {
  const [brandRows, categoryRows, vehicleRows] = await Promise.all([
    db.select({ id: tenantVisibleBrands.brandId }).from(tenantVisibleBrands).where(eq(tenantVisibleBrands.tenantId, tenantId)),
    db.select({ id: tenantVisibleCategories.categoryId }).from(tenantVisibleCategories).where(eq(tenantVisibleCategories.tenantId, tenantId)),
    db.select({ id: tenantVisibleVehicleBrands.vehicleBrandId }).from(tenantVisibleVehicleBrands).where(eq(tenantVisibleVehicleBrands.tenantId, tenantId)),
  ]);
  return {
    brandIds: brandRows.map((r) => r.id),
    categoryIds: categoryRows.map((r) => r.id),
    vehicleBrandIds: vehicleRows.map((r) => r.id),
  };
}

const intArray = (ids: number[]) => sql`${`{${ids.join(',')}}`}::int[]`;

/** The same rule as a WHERE fragment on `articles`; applied to every catalog query. */
export function visibilityCondition(rules: VisibilityRules): SQL {
  const parts: SQL[] = [sql`true`];
  if (rules.brandIds.length > 0) parts.push(sql`${articles.brandId} = any(${intArray(rules.brandIds)})`);
  if (rules.categoryIds.length > 0) parts.push(sql`${articles.categoryId} = any(${intArray(rules.categoryIds)})`);
  if (rules.vehicleBrandIds.length > 0) {
    parts.push(sql`exists (select 1 from article_vehicle_brands avb
      where avb.article_id = ${articles.id} and avb.vehicle_brand_id = any(${intArray(rules.vehicleBrandIds)}))`);
  }
  return sql.join(parts, sql` and `);
}
