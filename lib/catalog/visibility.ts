import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { articles } from '@/db/schema';

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

/** A tenant's three allowed sets, read in one statement (one round trip, where three selects took three). */
export async function loadVisibilityRules(db: Executor, tenantId: string): Promise<VisibilityRules> {
  const ids = (table: SQL, column: SQL) => sql`coalesce((select array_agg(${column} order by ${column}) from ${table} where tenant_id = ${tenantId}), '{}')`;
  const [row] = rowsOf<{ brands: number[] | string; categories: number[] | string; vehicles: number[] | string }>(
    await db.execute(sql`select ${ids(sql`tenant_visible_brands`, sql`brand_id`)} as brands,
      ${ids(sql`tenant_visible_categories`, sql`category_id`)} as categories,
      ${ids(sql`tenant_visible_vehicle_brands`, sql`vehicle_brand_id`)} as vehicles`),
  );
  return { brandIds: intList(row?.brands), categoryIds: intList(row?.categories), vehicleBrandIds: intList(row?.vehicles) };
}

/** An int[] as the driver hands it over: an array (postgres.js, PGlite) or its text form `{1,2}`. */
function intList(value: number[] | string | undefined): number[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map(Number);
  const inner = value.replace(/^\{|\}$/g, '');
  return inner === '' ? [] : inner.split(',').map(Number);
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
