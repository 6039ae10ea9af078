import 'server-only';
import { count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '@/db/client';
import { articles, auditLog, tenantVisibleBrands, tenantVisibleCategories, tenantVisibleVehicleBrands } from '@/db/schema';
import { announceTenantChange } from '@/lib/cache/cache-invalidation';
import { whereAll, buildCatalogFilters } from '@/lib/catalog/catalog-filters';
import { catalogQuerySchema } from '@/lib/catalog/catalog-query';
import { getCatalogSummary } from '@/lib/catalog/catalog-summary';
import type { VisibilityRules } from '@/lib/catalog/visibility';
import { AppError } from '@/lib/errors';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { allowedScopeFor, type AssortmentScope } from './assortment-scope';

const ids = z.array(z.coerce.number().int().positive()).max(10_000).default([]);

/** The three sets a shop owner ticks; an empty set shows everything on that axis. */
const assortmentRulesSchema = z.object({ brandIds: ids, categoryIds: ids, vehicleBrandIds: ids });

const unique = (values: number[]) => [...new Set(values)].sort((a, b) => a - b);

/**
 * Parses draft or submitted rules and keeps them inside the allowed scope: an id outside it (another
 * platform's brand, a made-up number) is refused rather than quietly dropped, since it means a forged form.
 */
export function rulesWithinScope(raw: unknown, scope: AssortmentScope): VisibilityRules {
  const parsed = assortmentRulesSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'The assortment could not be read. Please reload the page.');
  const allowed = (options: { id: number }[]) => new Set(options.map((o) => o.id));
  const check = (values: number[], options: { id: number }[], narrowed = false) => {
    const known = allowed(options);
    if (values.some((id) => !known.has(id))) throw new AppError('VALIDATION_FAILED', 'Some of the chosen items are not available to your shop.');
    // An empty axis means "no restriction"; within a narrowed scope that must be the scope itself.
    if (values.length === 0 && narrowed) return options.map((o) => o.id);
    return unique(values);
  };
  return {
    brandIds: check(parsed.data.brandIds, scope.brands, scope.narrowed?.brands),
    categoryIds: check(parsed.data.categoryIds, scope.categories, scope.narrowed?.categories),
    vehicleBrandIds: check(parsed.data.vehicleBrandIds, scope.vehicleBrands, scope.narrowed?.vehicleBrands),
  };
}

const UNFILTERED = catalogQuerySchema.parse({});

/** How many articles the storefront's unfiltered listing holds under these rules: the storefront's own WHERE clause. */
export async function countArticlesFor(db: Executor, rules: VisibilityRules): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(articles)
    .where(whereAll(buildCatalogFilters(rules, UNFILTERED)));
  return row?.n ?? 0;
}

export async function countAllArticles(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(articles);
  return row?.n ?? 0;
}

export interface AssortmentActor {
  email: string;
  role: 'owner' | 'manager';
}

/**
 * Replaces the shop's three sets in one transaction, so a storefront request never sees half the change.
 * The row triggers tell every instance (migration 0004); this one forgets its copy at once and counts the
 * shop's summary under the new rules, so the next buyer neither waits for it nor sees old totals.
 */
export async function saveAssortment(db: Database, tenantId: string, actor: AssortmentActor, raw: unknown): Promise<{ rules: VisibilityRules; total: number }> {
  if (actor.role !== 'owner') throw new AppError('FORBIDDEN', 'Only the shop owner can change the assortment.');
  const rules = rulesWithinScope(raw, await allowedScopeFor(db, tenantId));
  await db.transaction(async (tx) => {
    await tx.delete(tenantVisibleBrands).where(eq(tenantVisibleBrands.tenantId, tenantId));
    await tx.delete(tenantVisibleCategories).where(eq(tenantVisibleCategories.tenantId, tenantId));
    await tx.delete(tenantVisibleVehicleBrands).where(eq(tenantVisibleVehicleBrands.tenantId, tenantId));
    if (rules.brandIds.length) await tx.insert(tenantVisibleBrands).values(rules.brandIds.map((brandId) => ({ tenantId, brandId })));
    if (rules.categoryIds.length) await tx.insert(tenantVisibleCategories).values(rules.categoryIds.map((categoryId) => ({ tenantId, categoryId })));
    if (rules.vehicleBrandIds.length) {
      await tx.insert(tenantVisibleVehicleBrands).values(rules.vehicleBrandIds.map((vehicleBrandId) => ({ tenantId, vehicleBrandId })));
    }
  });
  await announceTenantChange(tenantId);
  const { total } = await getCatalogSummary(db, tenantId, rules);
  await withTenant(tenantId, (tx) => tx.insert(auditLog).values({ tenantId, actor: actor.email, action: 'assortment.saved', details: { ...rules, total } }));
  return { rules, total };
}
