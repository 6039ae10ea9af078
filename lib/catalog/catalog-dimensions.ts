import 'server-only';
import { asc } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { brands, categories, vehicleBrands } from '@/db/schema';
import { ALL_TENANTS, onTenantInvalidated } from '@/lib/cache/cache-invalidation';
import { catalogFreshness, type Freshness, isFresh } from '@/lib/cache/version-stamp';

export interface Dimension {
  id: number;
  slug: string;
  name: string;
  sortOrder: number;
}

export interface CatalogDimensions {
  brands: Map<number, Dimension>;
  categories: Map<number, Dimension>;
  vehicleBrands: Map<number, Dimension>;
}

// Brands, categories and vehicle makes: a few hundred rows shared by every tenant, changed rarely. Kept
// until the shared catalog's version (`*`) moves on; the expiry applies only where versions are not followed.
const TTL_MS = 5 * 60_000;
let cached: { value: Promise<CatalogDimensions>; freshness: Freshness } | null = null;

onTenantInvalidated((tenantId) => {
  if (tenantId === ALL_TENANTS) cached = null;
});

const byId = (rows: Dimension[]) => new Map(rows.map((r) => [r.id, r]));

async function load(db: Executor): Promise<CatalogDimensions> {
  const [b, c, v] = await Promise.all([
    db.select({ id: brands.id, slug: brands.slug, name: brands.name }).from(brands).orderBy(asc(brands.name)),
    db
      .select({ id: categories.id, slug: categories.slug, name: categories.name, sortOrder: categories.sortOrder })
      .from(categories)
      .orderBy(asc(categories.sortOrder), asc(categories.name)),
    db.select({ id: vehicleBrands.id, slug: vehicleBrands.slug, name: vehicleBrands.name }).from(vehicleBrands).orderBy(asc(vehicleBrands.name)),
  ]);
  return {
    brands: byId(b.map((r, i) => ({ ...r, sortOrder: i }))),
    categories: byId(c),
    vehicleBrands: byId(v.map((r, i) => ({ ...r, sortOrder: i }))),
  };
}

export function getCatalogDimensions(db: Executor, now = Date.now()): Promise<CatalogDimensions> {
  if (cached && isFresh(cached.freshness, TTL_MS, now)) return cached.value;
  const freshness = catalogFreshness(now);
  const value = load(db);
  cached = { value, freshness };
  // A failed load is not kept: the next caller tries again.
  value.catch(() => {
    if (cached?.value === value) cached = null;
  });
  return value;
}
