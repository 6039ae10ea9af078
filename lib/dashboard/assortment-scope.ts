import { asc } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { brands, categories, vehicleBrands } from '@/db/schema';

export interface AssortmentOption {
  id: number;
  slug: string;
  name: string;
}

/** What a shop may choose from on each visibility axis. */
export interface AssortmentScope {
  brands: AssortmentOption[];
  categories: Array<AssortmentOption & { kind: 'tyre' | 'wheel' }>;
  vehicleBrands: AssortmentOption[];
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * The part of the catalog a shop may pick its assortment from. The platform has no per-shop limit yet,
 * so this is the whole catalog; a limit set by the platform's administrators belongs here and nowhere
 * else, because both the form and the save check against it.
 */
export async function allowedScopeFor(db: Executor, _tenantId: string): Promise<AssortmentScope> {
  const option = { id: brands.id, slug: brands.slug, name: brands.name };
  const [brandRows, categoryRows, vehicleRows] = await Promise.all([
    db.select(option).from(brands),
    db
      .select({ id: categories.id, slug: categories.slug, name: categories.name, kind: categories.kind })
      .from(categories)
      .orderBy(asc(categories.kind), asc(categories.sortOrder), asc(categories.name)),
    db.select({ id: vehicleBrands.id, slug: vehicleBrands.slug, name: vehicleBrands.name }).from(vehicleBrands),
  ]);
  // As people read a list: "General Tire" before "GT Radial", whatever the database's collation.
  const byName = (a: AssortmentOption, b: AssortmentOption) => collator.compare(a.name, b.name);
  return { brands: brandRows.sort(byName), categories: categoryRows, vehicleBrands: vehicleRows.sort(byName) };
}
