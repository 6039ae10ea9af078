import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { brands, categories, tenants, vehicleBrands } from '@/db/schema';

interface AssortmentOption {
  id: number;
  slug: string;
  name: string;
}

/** What a shop may choose from on each visibility axis. */
export interface AssortmentScope {
  brands: AssortmentOption[];
  categories: Array<AssortmentOption & { kind: 'tyre' | 'wheel' }>;
  vehicleBrands: AssortmentOption[];
  /** Axes the administrators narrowed: there, "nothing ticked" must mean the whole scope, not the catalog. */
  narrowed?: { brands: boolean; categories: boolean; vehicleBrands: boolean };
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * The part of the catalog a shop may pick its assortment from: the scope the platform's administrators
 * set for it (`tenants.visibility_scope`, an axis left out or null = the whole catalog). It belongs here
 * and nowhere else, because both the form and the save check against it.
 */
export async function allowedScopeFor(db: Executor, tenantId: string): Promise<AssortmentScope> {
  const option = { id: brands.id, slug: brands.slug, name: brands.name };
  const [brandRows, categoryRows, vehicleRows, [tenant]] = await Promise.all([
    db.select(option).from(brands),
    db
      .select({ id: categories.id, slug: categories.slug, name: categories.name, kind: categories.kind })
      .from(categories)
      .orderBy(asc(categories.kind), asc(categories.sortOrder), asc(categories.name)),
    db.select({ id: vehicleBrands.id, slug: vehicleBrands.slug, name: vehicleBrands.name }).from(vehicleBrands),
    db.select({ scope: tenants.visibilityScope }).from(tenants).where(eq(tenants.id, tenantId)),
  ]);
  const scope = tenant?.scope ?? null;
  const within = <T extends AssortmentOption>(rows: T[], allowed: number[] | undefined) => {
    if (!allowed) return rows;
    const ids = new Set(allowed);
    return rows.filter((row) => ids.has(row.id));
  };
  // As people read a list: "General Tire" before "GT Radial", whatever the database's collation.
  const byName = (a: AssortmentOption, b: AssortmentOption) => collator.compare(a.name, b.name);
  return {
    brands: within(brandRows, scope?.brands).sort(byName),
    categories: within(categoryRows, scope?.categories),
    vehicleBrands: within(vehicleRows, scope?.vehicleBrands).sort(byName),
    narrowed: { brands: Boolean(scope?.brands), categories: Boolean(scope?.categories), vehicleBrands: Boolean(scope?.vehicleBrands) },
  };
}
