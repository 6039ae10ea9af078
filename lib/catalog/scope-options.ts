import 'server-only';
import { asc } from 'drizzle-orm';
import { brands, categories, vehicleBrands } from '@/db/schema';
import { platformDb } from '@/db/connection-registry';

/** The whole catalog's axes, for the scope editor. */
export async function listScopeOptions() {
  const db = await platformDb();
  const [brandRows, categoryRows, vehicleRows] = await Promise.all([
    db.select({ id: brands.id, name: brands.name }).from(brands).orderBy(asc(brands.name)),
    db.select({ id: categories.id, name: categories.name }).from(categories).orderBy(asc(categories.kind), asc(categories.sortOrder), asc(categories.name)),
    db.select({ id: vehicleBrands.id, name: vehicleBrands.name }).from(vehicleBrands).orderBy(asc(vehicleBrands.name)),
  ]);
  return { brands: brandRows, categories: categoryRows, vehicleBrands: vehicleRows };
}
