import 'server-only';
import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { brands, categories, tenants, tenantVisibleBrands, tenantVisibleCategories, tenantVisibleVehicleBrands, vehicleBrands, type Tenant } from '@/db/schema';
import type { AdminActor } from '@/lib/auth/authorize-admin';
import { announceTenantChange } from '@/lib/cache/cache-invalidation';
import { AppError } from '@/lib/errors';
import { writePlatformAudit } from '@/lib/audit/platform-audit';
import { platformDb } from '@/db/connection-registry';

export type VisibilityScope = NonNullable<Tenant['visibilityScope']>;
type Axis = 'brands' | 'categories' | 'vehicleBrands';
const SCOPE_AXES: readonly Axis[] = ['brands', 'categories', 'vehicleBrands'];

/** The form: per axis `<axis>Mode` = `all` or `some`, and the chosen `<axis>` ids. */
export interface ScopeFormInput {
  brandsMode?: string;
  categoriesMode?: string;
  vehicleBrandsMode?: string;
  brands?: string[];
  categories?: string[];
  vehicleBrands?: string[];
}

const catalogTable = { brands, categories, vehicleBrands } as const;
const ruleTable = {
  brands: { table: tenantVisibleBrands, column: tenantVisibleBrands.brandId, row: (tenantId: string, id: number) => ({ tenantId, brandId: id }) },
  categories: {
    table: tenantVisibleCategories,
    column: tenantVisibleCategories.categoryId,
    row: (tenantId: string, id: number) => ({ tenantId, categoryId: id }),
  },
  vehicleBrands: {
    table: tenantVisibleVehicleBrands,
    column: tenantVisibleVehicleBrands.vehicleBrandId,
    row: (tenantId: string, id: number) => ({ tenantId, vehicleBrandId: id }),
  },
} as const;

const LABEL: Record<Axis, string> = { brands: 'brand', categories: 'category', vehicleBrands: 'vehicle make' };

/** Parses the form into a scope (null when every axis is the whole catalog), refusing unknown ids. */
async function parseScopeInput(input: ScopeFormInput): Promise<VisibilityScope | null> {
  const db = await platformDb();
  const scope: VisibilityScope = {};
  for (const axis of SCOPE_AXES) {
    if ((input[`${axis}Mode`] ?? 'all') !== 'some') continue;
    const ids = [...new Set((input[axis] ?? []).map(Number))].sort((a, b) => a - b);
    if (ids.length === 0 || ids.some((id) => !Number.isInteger(id) || id <= 0)) {
      throw new AppError('VALIDATION_FAILED', `Choose at least one ${LABEL[axis]}, or allow the whole catalog.`, {
        details: { fieldErrors: { [axis]: 'Choose at least one' } },
      });
    }
    const table = catalogTable[axis];
    const known = await db.select({ id: table.id }).from(table).where(inArray(table.id, ids));
    if (known.length !== ids.length) throw new AppError('VALIDATION_FAILED', 'Some of the chosen items no longer exist. Please reload the page.');
    scope[axis] = ids;
  }
  return Object.keys(scope).length ? scope : null;
}

/**
 * Sets what the shop may choose from. Narrowing also narrows the shop's own choice, in the same
 * transaction: rules outside the scope go, and an axis left without rules (which would mean "the whole
 * catalog" to the storefront) is set to the scope itself, so the storefront never shows more than allowed.
 */
export async function setVisibilityScope(admin: AdminActor, tenantId: string, input: ScopeFormInput): Promise<VisibilityScope | null> {
  const scope = await parseScopeInput(input);
  const db = await platformDb();
  const removed: Record<string, number> = {};
  await db.transaction(async (tx) => {
    const [row] = await tx.update(tenants).set({ visibilityScope: scope, updatedAt: new Date() }).where(eq(tenants.id, tenantId)).returning({ id: tenants.id });
    if (!row) throw new AppError('NOT_FOUND', 'There is no such tenant.');
    for (const axis of SCOPE_AXES) {
      const allowed = scope?.[axis];
      if (!allowed) continue;
      const rules = ruleTable[axis];
      const gone = await tx
        .delete(rules.table)
        .where(and(eq(rules.table.tenantId, tenantId), notInArray(rules.column, allowed)))
        .returning({ tenantId: rules.table.tenantId });
      removed[axis] = gone.length;
      const [left] = await tx.select({ tenantId: rules.table.tenantId }).from(rules.table).where(eq(rules.table.tenantId, tenantId)).limit(1);
      if (!left) await tx.insert(rules.table).values(allowed.map((id) => rules.row(tenantId, id)));
    }
    await writePlatformAudit(tx, admin, 'tenant.visibility_scope_changed', tenantId, { scope, removedRules: removed });
  });
  await announceTenantChange(tenantId);
  return scope;
}
