import 'server-only';
import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { lockPlatform } from '@/db/advisory-locks';
import { platformDb } from '@/db/connection-registry';
import type { Executor, Transaction } from '@/db/client';
import {
  articles,
  articleVehicleBrands,
  brands,
  categories,
  tenants,
  tenantVisibleBrands,
  tenantVisibleCategories,
  tenantVisibleVehicleBrands,
  vehicleBrands,
} from '@/db/schema';
import type { AdminActor } from '@/lib/auth/authorize-admin';
import { ALL_TENANTS, announceTenantChange } from '@/lib/cache/cache-invalidation';
import { slugify } from '@/lib/catalog/slugify';
import { AppError } from '@/lib/errors';
import { singleLineText } from '@/lib/forms/storable-text';
import { log } from '@/lib/log';
import { articleToInput, changedColumns, parseArticleInput, type ArticleInput, type ArticleValues, type TaxonomyLookup } from './article-input';
import { writePlatformAudit } from '@/lib/audit/platform-audit';
import { containsPattern } from '@/db/like';

// The shared wholesale catalog, as the platform operator keeps it: articles, brands, categories and
// vehicle makes. Every write is audited and announced, so each shop's cached pages drop at once.

const ARTICLES_PAGE_SIZE = 50;

/** Serialises writers of the catalog (the import, bulk price changes, the article form). */
export async function lockCatalog(tx: Transaction): Promise<void> {
  await lockPlatform(tx, 'catalog');
}

export async function loadTaxonomy(db: Executor): Promise<TaxonomyLookup> {
  const [brandRows, categoryRows, vehicleRows] = await Promise.all([
    db.select({ id: brands.id, slug: brands.slug, name: brands.name }).from(brands).orderBy(asc(brands.name)),
    db
      .select({ id: categories.id, slug: categories.slug, name: categories.name, kind: categories.kind, season: categories.season })
      .from(categories)
      .orderBy(asc(categories.sortOrder), asc(categories.name)),
    db.select({ id: vehicleBrands.id, slug: vehicleBrands.slug, name: vehicleBrands.name }).from(vehicleBrands).orderBy(asc(vehicleBrands.name)),
  ]);
  return { brands: brandRows, categories: categoryRows, vehicleBrands: vehicleRows };
}

const listQuerySchema = z.object({
  q: z
    .string()
    .transform((q) => q.replace(/\u0000/g, '').trim())
    .pipe(z.string().max(100))
    .catch(''),
  brand: z.coerce.number().int().positive().optional().catch(undefined),
  category: z.coerce.number().int().positive().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type ArticleListQuery = z.infer<typeof listQuerySchema>;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** One page of articles for the console, by name; searchable by SKU or name and filterable by brand and category. */
export async function listCatalogArticles(raw: Record<string, unknown>) {
  const query = listQuerySchema.parse({
    q: first(raw.q) ?? '',
    brand: first(raw.brand) || undefined,
    category: first(raw.category) || undefined,
    page: first(raw.page) ?? 1,
  });
  const db = await platformDb();
  const conditions: SQL[] = [];
  if (query.q) conditions.push(or(ilike(articles.sku, containsPattern(query.q)), ilike(articles.name, containsPattern(query.q)))!);
  if (query.brand) conditions.push(eq(articles.brandId, query.brand));
  if (query.category) conditions.push(eq(articles.categoryId, query.category));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: articles.id,
        sku: articles.sku,
        name: articles.name,
        kind: articles.kind,
        width: articles.width,
        aspectRatio: articles.aspectRatio,
        rimDiameter: articles.rimDiameter,
        brandName: brands.name,
        categoryName: categories.name,
        stock: articles.stock,
        basePriceCents: articles.basePriceCents,
        currency: articles.currency,
      })
      .from(articles)
      .innerJoin(brands, eq(brands.id, articles.brandId))
      .innerJoin(categories, eq(categories.id, articles.categoryId))
      .where(where)
      .orderBy(asc(articles.name), asc(articles.id))
      .limit(ARTICLES_PAGE_SIZE)
      .offset((query.page - 1) * ARTICLES_PAGE_SIZE),
    db.select({ n: count() }).from(articles).where(where),
  ]);
  const n = total?.n ?? 0;
  return { query, rows, total: n, pages: Math.max(1, Math.ceil(n / ARTICLES_PAGE_SIZE)) };
}

/** The vehicle make slugs of each article, for the form and the import's comparison. */
export async function fitmentsOf(db: Executor, articleIds: number[]): Promise<Map<number, { ids: number[]; slugs: string[] }>> {
  const byArticle = new Map<number, { ids: number[]; slugs: string[] }>();
  for (let i = 0; i < articleIds.length; i += 1_000) {
    const rows = await db
      .select({ articleId: articleVehicleBrands.articleId, id: vehicleBrands.id, slug: vehicleBrands.slug })
      .from(articleVehicleBrands)
      .innerJoin(vehicleBrands, eq(vehicleBrands.id, articleVehicleBrands.vehicleBrandId))
      .where(inArray(articleVehicleBrands.articleId, articleIds.slice(i, i + 1_000)))
      .orderBy(asc(vehicleBrands.id));
    for (const row of rows) {
      const entry = byArticle.get(row.articleId) ?? { ids: [], slugs: [] };
      entry.ids.push(row.id);
      entry.slugs.push(row.slug);
      byArticle.set(row.articleId, entry);
    }
  }
  return byArticle;
}

const storedArticleColumns = {
  id: articles.id,
  sku: articles.sku,
  slug: articles.slug,
  name: articles.name,
  description: articles.description,
  kind: articles.kind,
  brandId: articles.brandId,
  categoryId: articles.categoryId,
  season: articles.season,
  width: articles.width,
  aspectRatio: articles.aspectRatio,
  rimDiameter: articles.rimDiameter,
  loadIndex: articles.loadIndex,
  speedRating: articles.speedRating,
  euFuelClass: articles.euFuelClass,
  euWetGripClass: articles.euWetGripClass,
  euNoiseDb: articles.euNoiseDb,
  euNoiseClass: articles.euNoiseClass,
  boltPattern: articles.boltPattern,
  offsetMm: articles.offsetMm,
  stock: articles.stock,
  basePriceCents: articles.basePriceCents,
  brandSlug: brands.slug,
  categorySlug: categories.slug,
};

/** Articles with their brand and category slugs, by id or by SKU. */
export async function storedArticles(db: Executor, by: { ids: number[] } | { skus: string[] }) {
  const keys = 'ids' in by ? by.ids : by.skus;
  const out = [];
  for (let i = 0; i < keys.length; i += 1_000) {
    const slice = keys.slice(i, i + 1_000);
    out.push(
      ...(await db
        .select(storedArticleColumns)
        .from(articles)
        .innerJoin(brands, eq(brands.id, articles.brandId))
        .innerJoin(categories, eq(categories.id, articles.categoryId))
        .where('ids' in by ? inArray(articles.id, slice as number[]) : inArray(articles.sku, slice as string[]))),
    );
  }
  return out;
}

/** The article as the form shows it, or null. */
export async function getCatalogArticle(id: number) {
  const db = await platformDb();
  const [article] = await storedArticles(db, { ids: [id] });
  if (!article) return null;
  const fitments = (await fitmentsOf(db, [id])).get(id);
  return { id: article.id, slug: article.slug, input: articleToInput(article, fitments?.slugs ?? []) };
}

/**
 * Slugs for new articles: the name's slug, else with the SKU appended, else numbered; never one in use
 * or handed out earlier in the same call.
 */
export async function allocateSlugs(db: Executor, wanted: { name: string; sku: string }[]): Promise<string[]> {
  const candidates = wanted.map(({ name, sku }) => {
    const base = slugify(name) || slugify(sku) || 'article';
    return [base, `${base}-${slugify(sku)}`.replace(/-$/, '')];
  });
  const all = [...new Set(candidates.flat())];
  const taken = new Set<string>();
  for (let i = 0; i < all.length; i += 1_000) {
    const rows = await db
      .select({ slug: articles.slug })
      .from(articles)
      .where(inArray(articles.slug, all.slice(i, i + 1_000)));
    for (const row of rows) taken.add(row.slug);
  }
  const out: string[] = [];
  for (const [base, withSku] of candidates) {
    let slug = [base!, withSku!].find((s) => !taken.has(s));
    for (let n = 2; !slug; n += 1) {
      const numbered = `${withSku}-${n}`;
      const [row] = await db.select({ slug: articles.slug }).from(articles).where(eq(articles.slug, numbered));
      if (!row && !taken.has(numbered)) slug = numbered;
    }
    taken.add(slug);
    out.push(slug);
  }
  return out;
}

function invalidArticle(fieldErrors: Record<string, string>): AppError {
  const n = Object.keys(fieldErrors).length;
  return new AppError('VALIDATION_FAILED', n === 1 ? 'One field needs attention.' : `${n} fields need attention.`, { details: { fieldErrors } });
}

const writtenColumns = (v: ArticleValues) => {
  const { vehicleBrandIds: _fitments, ...columns } = v;
  return columns;
};

export async function replaceFitments(tx: Executor, articleId: number, vehicleBrandIds: number[]): Promise<void> {
  await tx.delete(articleVehicleBrands).where(eq(articleVehicleBrands.articleId, articleId));
  if (vehicleBrandIds.length) await tx.insert(articleVehicleBrands).values(vehicleBrandIds.map((vehicleBrandId) => ({ articleId, vehicleBrandId })));
}

/** Creates (id null) or updates an article from the console's form. The SKU stays unique. */
export async function saveCatalogArticle(admin: AdminActor, id: number | null, input: ArticleInput): Promise<{ id: number }> {
  const db = await platformDb();
  const result = await db.transaction(async (tx) => {
    await lockCatalog(tx);
    const parsed = parseArticleInput({ ...input, vehicleMakes: input.vehicleMakes ?? '' }, await loadTaxonomy(tx));
    if (!parsed.ok) throw invalidArticle(parsed.fieldErrors);
    const values = parsed.value;
    const [clash] = await tx.select({ id: articles.id }).from(articles).where(eq(articles.sku, values.sku));
    if (clash && clash.id !== id) throw invalidArticle({ sku: `Another article already has the SKU ${values.sku}` });
    if (id === null) {
      const [slug] = await allocateSlugs(tx, [values]);
      const [row] = await tx
        .insert(articles)
        .values({ ...writtenColumns(values), slug: slug! })
        .returning({ id: articles.id });
      await replaceFitments(tx, row!.id, values.vehicleBrandIds ?? []);
      await writePlatformAudit(tx, admin, 'catalog.article_created', null, { articleId: row!.id, sku: values.sku });
      return { id: row!.id };
    }
    const [stored] = await storedArticles(tx, { ids: [id] });
    if (!stored) throw new AppError('NOT_FOUND', 'There is no such article.');
    const changed = changedColumns(stored, values);
    if (stored.sku !== values.sku) changed.unshift('sku');
    await tx.update(articles).set(writtenColumns(values)).where(eq(articles.id, id));
    const before = (await fitmentsOf(tx, [id])).get(id)?.ids ?? [];
    if (values.vehicleBrandIds && before.join() !== values.vehicleBrandIds.join()) {
      await replaceFitments(tx, id, values.vehicleBrandIds);
      changed.push('vehicleMakes');
    }
    await writePlatformAudit(tx, admin, 'catalog.article_updated', null, { articleId: id, sku: values.sku, changed });
    return { id };
  });
  await announceTenantChange(ALL_TENANTS);
  log.info({ adminId: admin.id, articleId: result.id, created: id === null }, 'catalog article saved');
  return result;
}

// ——— Brands, categories and vehicle makes ———

export type TaxonomyAxis = 'brands' | 'categories' | 'vehicleBrands';
const taxonomyTables = { brands, categories, vehicleBrands } as const;
const visibilityRuleTables = {
  brands: { table: tenantVisibleBrands, column: tenantVisibleBrands.brandId },
  categories: { table: tenantVisibleCategories, column: tenantVisibleCategories.categoryId },
  vehicleBrands: { table: tenantVisibleVehicleBrands, column: tenantVisibleVehicleBrands.vehicleBrandId },
} as const;
export const TAXONOMY_LABEL: Record<TaxonomyAxis, { one: string; many: string }> = {
  brands: { one: 'brand', many: 'Brands' },
  categories: { one: 'category', many: 'Categories' },
  vehicleBrands: { one: 'vehicle make', many: 'Vehicle makes' },
};

const taxonomyNameSchema = singleLineText().min(2, 'Enter a name of at least 2 characters.').max(60, 'Use at most 60 characters.');
const categoryExtraSchema = z.object({
  kind: z.enum(['tyre', 'wheel'], { error: 'Choose tyres or wheels.' }),
  season: z.enum(['summer', 'winter', 'all_season', '']).optional(),
});

export function isTaxonomyAxis(value: unknown): value is TaxonomyAxis {
  return value === 'brands' || value === 'categories' || value === 'vehicleBrands';
}

/** Each entry with how many articles use it, for the console's lists. */
export async function listTaxonomy() {
  const db = await platformDb();
  const [taxonomy, brandCounts, categoryCounts, vehicleCounts] = await Promise.all([
    loadTaxonomy(db),
    db.select({ id: articles.brandId, n: count() }).from(articles).groupBy(articles.brandId),
    db.select({ id: articles.categoryId, n: count() }).from(articles).groupBy(articles.categoryId),
    db.select({ id: articleVehicleBrands.vehicleBrandId, n: count() }).from(articleVehicleBrands).groupBy(articleVehicleBrands.vehicleBrandId),
  ]);
  const withCounts = <T extends { id: number }>(list: readonly T[], counts: { id: number; n: number }[]) => {
    const byId = new Map(counts.map((c) => [c.id, c.n]));
    return list.map((item) => ({ ...item, articles: byId.get(item.id) ?? 0 }));
  };
  return {
    brands: withCounts(taxonomy.brands, brandCounts),
    categories: withCounts(taxonomy.categories, categoryCounts),
    vehicleBrands: withCounts(taxonomy.vehicleBrands, vehicleCounts),
  };
}

function nameError(axis: TaxonomyAxis, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { details: { fieldErrors: { name: message }, axis } });
}

/** Adds a brand, category or vehicle make; its slug follows from the name and must be free. */
export async function createTaxonomyEntry(admin: AdminActor, axis: TaxonomyAxis, raw: { name?: string; kind?: string; season?: string }) {
  const name = taxonomyNameSchema.safeParse(raw.name ?? '');
  if (!name.success) throw nameError(axis, name.error.issues[0]!.message);
  const slug = slugify(name.data);
  if (!slug) throw nameError(axis, 'The name needs at least one letter or digit.');
  const db = await platformDb();
  const entry = await db.transaction(async (tx) => {
    await lockCatalog(tx);
    const table = taxonomyTables[axis];
    const [existing] = await tx.select({ id: table.id, name: table.name }).from(table).where(eq(table.slug, slug));
    if (existing) throw nameError(axis, `There is already a ${TAXONOMY_LABEL[axis].one} “${existing.name}”.`);
    let id: number;
    if (axis === 'categories') {
      const extra = categoryExtraSchema.safeParse(raw);
      if (!extra.success) throw new AppError('VALIDATION_FAILED', 'Choose tyres or wheels.', { details: { fieldErrors: { kind: 'Choose tyres or wheels.' } } });
      const season = extra.data.kind === 'tyre' ? extra.data.season || null : null;
      if (extra.data.kind === 'tyre' && !season) {
        throw new AppError('VALIDATION_FAILED', 'A tyre category needs a season.', { details: { fieldErrors: { season: 'Choose the season.' } } });
      }
      const [{ next } = { next: 1 }] = await tx.select({ next: sql<number>`coalesce(max(${categories.sortOrder}), 0) + 1` }).from(categories);
      [{ id }] = (await tx
        .insert(categories)
        .values({ slug, name: name.data, kind: extra.data.kind, season, sortOrder: Number(next) })
        .returning({ id: categories.id })) as [{ id: number }];
    } else {
      [{ id }] = (await tx.insert(table).values({ slug, name: name.data }).returning({ id: table.id })) as [{ id: number }];
    }
    await writePlatformAudit(tx, admin, `catalog.${axis === 'vehicleBrands' ? 'vehicle_make' : TAXONOMY_LABEL[axis].one}_created`, null, {
      id,
      slug,
      name: name.data,
    });
    return { id, slug, name: name.data };
  });
  await announceTenantChange(ALL_TENANTS);
  return entry;
}

/** Renames an entry; its slug (in shop URLs and filters) stays. */
export async function renameTaxonomyEntry(admin: AdminActor, axis: TaxonomyAxis, id: number, rawName: string) {
  const name = taxonomyNameSchema.safeParse(rawName);
  if (!name.success) throw nameError(axis, name.error.issues[0]!.message);
  const db = await platformDb();
  await db.transaction(async (tx) => {
    await lockCatalog(tx);
    const table = taxonomyTables[axis];
    const [row] = await tx.select({ id: table.id, name: table.name }).from(table).where(eq(table.id, id));
    if (!row) throw new AppError('NOT_FOUND', `There is no such ${TAXONOMY_LABEL[axis].one}.`);
    const [same] = await tx.select({ id: table.id }).from(table).where(sql`lower(${table.name}) = ${name.data.toLowerCase()} and ${table.id} <> ${id}`);
    if (same) throw nameError(axis, `Another ${TAXONOMY_LABEL[axis].one} is already called “${name.data}”.`);
    await tx.update(table).set({ name: name.data }).where(eq(table.id, id));
    await writePlatformAudit(tx, admin, `catalog.${axis === 'vehicleBrands' ? 'vehicle_make' : TAXONOMY_LABEL[axis].one}_renamed`, null, {
      id,
      from: row.name,
      to: name.data,
    });
  });
  await announceTenantChange(ALL_TENANTS);
}

/** Removes an entry no article uses (a vehicle make's fitments go with it). */
export async function deleteTaxonomyEntry(admin: AdminActor, axis: TaxonomyAxis, id: number) {
  const db = await platformDb();
  await db.transaction(async (tx) => {
    await lockCatalog(tx);
    const table = taxonomyTables[axis];
    const [row] = await tx.select({ id: table.id, name: table.name }).from(table).where(eq(table.id, id));
    if (!row) throw new AppError('NOT_FOUND', `There is no such ${TAXONOMY_LABEL[axis].one}.`);
    if (axis !== 'vehicleBrands') {
      const column = axis === 'brands' ? articles.brandId : articles.categoryId;
      const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(articles).where(eq(column, id));
      if (n > 0)
        throw new AppError('CONFLICT', `“${row.name}” is used by ${n.toLocaleString('en-GB')} article${n === 1 ? '' : 's'}. Move or remove them first.`);
    }
    // A shop whose only chosen brand disappeared would fall back to "every brand": refuse instead.
    const rule = visibilityRuleTables[axis];
    const [{ n: rules } = { n: 0 }] = await tx.select({ n: count() }).from(rule.table).where(eq(rule.column, id));
    const [{ n: scopes } = { n: 0 }] = await tx.select({ n: count() }).from(tenants).where(sql`${tenants.visibilityScope} -> ${axis} @> to_jsonb(${id}::int)`);
    const shops = Number(rules) + Number(scopes);
    if (shops > 0)
      throw new AppError(
        'CONFLICT',
        `“${row.name}” is named in the assortment rules or scope of ${shops === 1 ? 'a shop' : `${shops} shops`}. Remove it there first.`,
      );
    await tx.delete(table).where(eq(table.id, id));
    await writePlatformAudit(tx, admin, `catalog.${axis === 'vehicleBrands' ? 'vehicle_make' : TAXONOMY_LABEL[axis].one}_deleted`, null, {
      id,
      name: row.name,
    });
  });
  await announceTenantChange(ALL_TENANTS);
}
