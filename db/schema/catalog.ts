import { sql, type SQL } from 'drizzle-orm';
import {
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants } from './platform';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const productKind = pgEnum('product_kind', ['tyre', 'wheel']);
export const season = pgEnum('season', ['summer', 'winter', 'all_season']);

export const brands = pgTable(
  'brands',
  {
    id: serial().primaryKey(),
    slug: text().notNull(),
    name: text().notNull(),
  },
  (t) => [uniqueIndex('brands_slug_key').on(t.slug)],
);

export const categories = pgTable(
  'categories',
  {
    id: serial().primaryKey(),
    slug: text().notNull(),
    name: text().notNull(),
    kind: productKind().notNull(),
    /** Tyre categories map to one season; wheel categories have none. */
    season: season(),
    sortOrder: smallint().notNull().default(0),
  },
  (t) => [uniqueIndex('categories_slug_key').on(t.slug)],
);

export const vehicleBrands = pgTable(
  'vehicle_brands',
  {
    id: serial().primaryKey(),
    slug: text().notNull(),
    name: text().notNull(),
  },
  (t) => [uniqueIndex('vehicle_brands_slug_key').on(t.slug)],
);

export const articles = pgTable(
  'articles',
  {
    id: serial().primaryKey(),
    sku: text().notNull(),
    slug: text().notNull(),
    name: text().notNull(),
    description: text(),
    kind: productKind().notNull(),
    brandId: integer()
      .notNull()
      .references(() => brands.id),
    categoryId: integer()
      .notNull()
      .references(() => categories.id),
    season: season(),
    /** Tyres: section width in mm; wheels: rim width in tenths of an inch (75 = 7.5J). */
    width: smallint().notNull(),
    /** Tyres only: aspect ratio in percent. */
    aspectRatio: smallint(),
    rimDiameter: smallint().notNull(),
    loadIndex: smallint(),
    speedRating: text(),
    /** EU tyre label: fuel efficiency and wet grip classes A–E, external rolling noise in dB and class A–C. */
    euFuelClass: text(),
    euWetGripClass: text(),
    euNoiseDb: smallint(),
    euNoiseClass: text(),
    /** Wheels only. */
    boltPattern: text(),
    offsetMm: smallint(),
    stock: integer().notNull().default(0),
    basePriceCents: integer().notNull(),
    currency: text().notNull().default('EUR'),
    // Separators become spaces before parsing, as on the query side (lib/catalog/catalog-filters.ts):
    // otherwise the parser reads `CON-2055516` as a negative number and `205/55` as a file path.
    searchVector: tsvector().generatedAlwaysAs((): SQL => sql`to_tsvector('simple', translate(${articles.name} || ' ' || ${articles.sku}, '-/.', '   '))`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('articles_slug_key').on(t.slug),
    uniqueIndex('articles_sku_key').on(t.sku),
    index('articles_brand_idx').on(t.brandId, t.id),
    index('articles_category_idx').on(t.categoryId, t.id),
    index('articles_size_idx').on(t.width, t.aspectRatio, t.rimDiameter),
    index('articles_search_idx').using('gin', t.searchVector),
    // The default listing order (in stock first, then by name): a page is read off the index instead of
    // sorting every visible row. Ascending on `stock = 0` so that a keyset row comparison can use it; its
    // INCLUDE columns (migration 0010) let the visibility filter run on the index alone.
    index('articles_listing_idx').on(sql`(${t.stock} = 0)`, t.name, t.id),
    // articles_facets_idx (brand, category) INCLUDE (…) lives in migration 0003: drizzle cannot express INCLUDE.
    check('articles_price_positive', sql`${t.basePriceCents} > 0`),
    check('articles_stock_non_negative', sql`${t.stock} >= 0`),
  ],
);

export const articleVehicleBrands = pgTable(
  'article_vehicle_brands',
  {
    articleId: integer()
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    vehicleBrandId: integer()
      .notNull()
      .references(() => vehicleBrands.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.vehicleBrandId] }), index('article_vehicle_brands_vehicle_idx').on(t.vehicleBrandId, t.articleId)],
);

export const tenantVisibleBrands = pgTable(
  'tenant_visible_brands',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    brandId: integer()
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.brandId] })],
);

export const tenantVisibleCategories = pgTable(
  'tenant_visible_categories',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    categoryId: integer()
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.categoryId] })],
);

export const tenantVisibleVehicleBrands = pgTable(
  'tenant_visible_vehicle_brands',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    vehicleBrandId: integer()
      .notNull()
      .references(() => vehicleBrands.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.vehicleBrandId] })],
);

export const tenantArticlePrices = pgTable(
  'tenant_article_prices',
  {
    id: serial().primaryKey(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    articleId: integer()
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    priceCents: integer().notNull(),
    validFrom: timestamp({ withTimezone: true }).notNull(),
    /** Exclusive upper bound; null means open-ended. */
    validUntil: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('tenant_article_prices_window_key').on(t.tenantId, t.articleId, t.validFrom),
    check('tenant_article_prices_positive', sql`${t.priceCents} > 0`),
    check('tenant_article_prices_window', sql`${t.validUntil} is null or ${t.validUntil} > ${t.validFrom}`),
  ],
);

export type Brand = typeof brands.$inferSelect;
export type Category = typeof categories.$inferSelect;
export type VehicleBrand = typeof vehicleBrands.$inferSelect;
export type Article = typeof articles.$inferSelect;
export type NewArticle = typeof articles.$inferInsert;
export type TenantArticlePrice = typeof tenantArticlePrices.$inferSelect;

/**
 * Bumped (by triggers, migration 0010) whenever articles are added or removed or change a column that a
 * facet counts, or fitments change; stock and price changes do not bump it. One row.
 */
export const catalogVersion = pgTable(
  'catalog_version',
  {
    id: integer().primaryKey().default(1),
    version: integer().notNull().default(1),
  },
  (t) => [check('catalog_version_single_row', sql`${t.id} = 1`)],
);

/**
 * The total and facet counts of a tenant's unfiltered listing: they depend only on the tenant's
 * visibility rules and the catalog, so they are computed once, not per request. `basis` names the
 * rules and catalog version they were computed from; a row whose basis differs from the current one
 * is stale and is recomputed (lib/catalog/catalog-summary.ts).
 */
export const tenantCatalogSummaries = pgTable('tenant_catalog_summaries', {
  tenantId: uuid()
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  basis: text().notNull(),
  total: integer().notNull(),
  /** Per facet axis, [value, count] pairs; values are ids for brands, categories and vehicle makes. */
  counts: jsonb().$type<Record<string, Array<[string, number]>>>().notNull(),
  computedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
