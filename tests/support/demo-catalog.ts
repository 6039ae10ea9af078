import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { articles, articleVehicleBrands, brands, categories, tenantArticlePrices, vehicleBrands } from '@/db/schema';
import { seedDemo } from '@/db/seed/seed-demo';
import { parseCatalogQuery } from '@/lib/catalog/catalog-query';
import { listVisibleArticles, type ArticleSummary, type CatalogScope } from '@/lib/catalog/list-visible-articles';
import { loadVisibilityRules } from '@/lib/catalog/visibility';
import type { PriceWindow } from '@/lib/pricing/resolve-price';
import { createTestDatabases, platformDb, type TestDatabases } from './test-database';

export type DemoSubdomain = 'atraxion' | 'acme' | 'consumer' | 'bigcorp' | 'closed';

export interface DemoCatalog {
  dbs: TestDatabases;
  db: Database;
  tenantIds: Record<DemoSubdomain, string>;
  articleCount: number;
  /** The scope the storefront builds for a tenant: its id and its visibility rules as stored. */
  scopeFor(tenantId: string): Promise<CatalogScope>;
  cleanup(): Promise<void>;
}

/**
 * A fresh database holding the demo catalog and the five demo tenants. The catalog lives in the
 * platform plane only, so no dedicated tenant database is needed unless a test asks for one.
 */
export async function seedDemoForTest(options: { articleCount?: number; dedicated?: string[] } = {}): Promise<DemoCatalog> {
  const dbs = await createTestDatabases(options.dedicated ?? []);
  const db = await platformDb(dbs.registry);
  const seeded = await seedDemo(db, { articleCount: options.articleCount ?? 600 });
  const tenantIds = seeded.tenantIds as Record<DemoSubdomain, string>;
  for (const subdomain of ['atraxion', 'acme', 'consumer', 'bigcorp', 'closed'] as const) {
    if (!tenantIds[subdomain]) throw new Error(`The demo seed did not create tenant ${subdomain}`);
  }
  return {
    dbs,
    db,
    tenantIds,
    articleCount: seeded.articleCount,
    scopeFor: async (tenantId) => ({ tenantId, rules: await loadVisibilityRules(db, tenantId) }),
    cleanup: () => dbs.cleanup(),
  };
}

/** One article as stored, read straight from the tables rather than through the catalog code. */
export interface ArticleFacts {
  id: number;
  slug: string;
  sku: string;
  name: string;
  brandId: number;
  brandSlug: string;
  categoryId: number;
  categorySlug: string;
  season: string | null;
  vehicleBrandIds: number[];
  vehicleBrandSlugs: string[];
  width: number;
  aspectRatio: number | null;
  rimDiameter: number;
  stock: number;
  basePriceCents: number;
}

export async function loadArticleFacts(db: Database): Promise<ArticleFacts[]> {
  const [rows, fitment] = await Promise.all([
    db
      .select({
        id: articles.id,
        slug: articles.slug,
        sku: articles.sku,
        name: articles.name,
        brandId: articles.brandId,
        brandSlug: brands.slug,
        categoryId: articles.categoryId,
        categorySlug: categories.slug,
        season: articles.season,
        width: articles.width,
        aspectRatio: articles.aspectRatio,
        rimDiameter: articles.rimDiameter,
        stock: articles.stock,
        basePriceCents: articles.basePriceCents,
      })
      .from(articles)
      .innerJoin(brands, eq(brands.id, articles.brandId))
      .innerJoin(categories, eq(categories.id, articles.categoryId))
      .orderBy(articles.id),
    db
      .select({ articleId: articleVehicleBrands.articleId, id: vehicleBrands.id, slug: vehicleBrands.slug })
      .from(articleVehicleBrands)
      .innerJoin(vehicleBrands, eq(vehicleBrands.id, articleVehicleBrands.vehicleBrandId)),
  ]);
  const fits = new Map<number, { ids: number[]; slugs: string[] }>();
  for (const f of fitment) {
    const entry = fits.get(f.articleId) ?? { ids: [], slugs: [] };
    entry.ids.push(f.id);
    entry.slugs.push(f.slug);
    fits.set(f.articleId, entry);
  }
  return rows.map((r) => ({ ...r, vehicleBrandIds: fits.get(r.id)?.ids ?? [], vehicleBrandSlugs: fits.get(r.id)?.slugs ?? [] }));
}

/** Slug → id for brands, categories or vehicle brands. */
export async function idsBySlug(db: Database, table: typeof brands | typeof categories | typeof vehicleBrands) {
  const rows = await db.select({ id: table.id, slug: table.slug }).from(table);
  const map = new Map(rows.map((r) => [r.slug, r.id]));
  return (slug: string): number => {
    const id = map.get(slug);
    if (id === undefined) throw new Error(`No row with slug ${slug}`);
    return id;
  };
}

/** Every override row of one tenant, grouped by article, as `resolveNetPrice` takes them. */
export async function loadOverrides(db: Database, tenantId: string): Promise<Map<number, PriceWindow[]>> {
  const rows = await db
    .select({
      articleId: tenantArticlePrices.articleId,
      priceCents: tenantArticlePrices.priceCents,
      validFrom: tenantArticlePrices.validFrom,
      validUntil: tenantArticlePrices.validUntil,
    })
    .from(tenantArticlePrices)
    .where(eq(tenantArticlePrices.tenantId, tenantId));
  const byArticle = new Map<number, PriceWindow[]>();
  for (const { articleId, ...window } of rows) byArticle.set(articleId, [...(byArticle.get(articleId) ?? []), window]);
  return byArticle;
}

type UrlParams = Record<string, string | string[] | undefined>;

/** Walks every page of a listing, as a buyer clicking "next" would, and returns all items in order. */
export async function listAllVisible(db: Database, scope: CatalogScope, params: UrlParams = {}, pageSize = 400) {
  const items: ArticleSummary[] = [];
  for (let page = 1; ; page++) {
    const result = await listVisibleArticles(db, scope, parseCatalogQuery({ ...params, page: String(page) }), pageSize);
    items.push(...result.items);
    if (page >= result.pageCount) return { items, total: result.total, facets: result.facets };
  }
}

export function sortedIds(items: readonly { id: number }[]): number[] {
  return items.map((i) => i.id).sort((a, b) => a - b);
}
