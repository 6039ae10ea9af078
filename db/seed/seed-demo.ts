import { inArray } from 'drizzle-orm';
import type { Executor } from '../client';
import {
  articles,
  articleVehicleBrands,
  brands,
  categories,
  coupons,
  customers,
  tenantArticlePrices,
  staffUsers,
  tenantMemberships,
  tenants,
  tenantVisibleBrands,
  tenantVisibleCategories,
  tenantVisibleVehicleBrands,
  vehicleBrands,
} from '../schema';
import { hashPassword } from '@/lib/auth/password';
import { demoTenants, resolvePriceOverrides, type OverrideCandidate } from './demo-tenants';
import { generateCatalog, type GeneratedCatalog } from './generate-catalog';

const ARTICLE_BATCH = 1000;
const LINK_BATCH = 5000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function idMap(rows: { id: number; slug: string }[]): Map<string, number> {
  return new Map(rows.map((r) => [r.slug, r.id]));
}

function lookup(map: Map<string, number>, slug: string, what: string): number {
  const id = map.get(slug);
  if (id === undefined) throw new Error(`Seed data refers to unknown ${what} "${slug}"`);
  return id;
}

export interface SeededCatalog {
  brandIds: Map<string, number>;
  categoryIds: Map<string, number>;
  vehicleBrandIds: Map<string, number>;
  candidates: OverrideCandidate[];
}

/** Inserts the shared catalog. Large catalogs go in batches to stay within the protocol's parameter limit. */
async function seedCatalog(db: Executor, catalog: GeneratedCatalog): Promise<SeededCatalog> {
  const brandIds = idMap(await db.insert(brands).values(catalog.brands).returning({ id: brands.id, slug: brands.slug }));
  const categoryIds = idMap(await db.insert(categories).values(catalog.categories).returning({ id: categories.id, slug: categories.slug }));
  const vehicleBrandIds = idMap(await db.insert(vehicleBrands).values(catalog.vehicleBrands).returning({ id: vehicleBrands.id, slug: vehicleBrands.slug }));
  const candidates: OverrideCandidate[] = [];
  const links: { articleId: number; vehicleBrandId: number }[] = [];
  for (const batch of chunks(catalog.articles, ARTICLE_BATCH)) {
    const rows = batch.map(({ brandSlug, categorySlug, vehicleBrandSlugs: _vehicles, ...article }) => ({
      ...article,
      brandId: lookup(brandIds, brandSlug, 'brand'),
      categoryId: lookup(categoryIds, categorySlug, 'category'),
    }));
    const inserted = await db.insert(articles).values(rows).returning({ id: articles.id, slug: articles.slug });
    const ids = idMap(inserted);
    for (const article of batch) {
      const id = lookup(ids, article.slug, 'article');
      candidates.push({ id, sku: article.sku, brandSlug: article.brandSlug, basePriceCents: article.basePriceCents });
      for (const v of article.vehicleBrandSlugs) links.push({ articleId: id, vehicleBrandId: lookup(vehicleBrandIds, v, 'vehicle brand') });
    }
  }
  for (const batch of chunks(links, LINK_BATCH)) await db.insert(articleVehicleBrands).values(batch);
  return { brandIds, categoryIds, vehicleBrandIds, candidates };
}

/** Inserts the demo tenants with their visibility rules and price overrides (windows relative to `now`). */
async function seedDemoTenants(db: Executor, catalog: SeededCatalog, now = new Date()): Promise<Record<string, string>> {
  const tenantIds: Record<string, string> = {};
  for (const demo of demoTenants) {
    const [row] = await db.insert(tenants).values(demo.tenant).returning({ id: tenants.id });
    if (!row) throw new Error(`Could not insert tenant ${demo.tenant.subdomain}`);
    const tenantId = row.id;
    tenantIds[demo.tenant.subdomain] = tenantId;
    const { brandSlugs, categorySlugs, vehicleBrandSlugs } = demo.visibility;
    if (brandSlugs.length) {
      await db.insert(tenantVisibleBrands).values(brandSlugs.map((s) => ({ tenantId, brandId: lookup(catalog.brandIds, s, 'brand') })));
    }
    if (categorySlugs.length) {
      await db.insert(tenantVisibleCategories).values(categorySlugs.map((s) => ({ tenantId, categoryId: lookup(catalog.categoryIds, s, 'category') })));
    }
    if (vehicleBrandSlugs.length) {
      await db
        .insert(tenantVisibleVehicleBrands)
        .values(vehicleBrandSlugs.map((s) => ({ tenantId, vehicleBrandId: lookup(catalog.vehicleBrandIds, s, 'vehicle brand') })));
    }
    const overrides = resolvePriceOverrides(demo.priceOverrides, catalog.candidates, now);
    if (overrides.length) await db.insert(tenantArticlePrices).values(overrides.map((o) => ({ ...o, tenantId })));
  }
  return tenantIds;
}

export const DEMO_CUSTOMER = { email: 'buyer@acme.test', password: 'storefleet-demo', marginBp: -500 };

/**
 * One signed-up, approved customer at ACME with a 5 % customer discount, so personal prices can be
 * seen (and tested) without the dashboard. Written as the table owner: seeding runs before any request.
 */
async function seedDemoCustomers(db: Executor, tenantIds: Record<string, string>): Promise<void> {
  const acme = tenantIds.acme;
  if (!acme) return;
  await db.insert(customers).values({
    tenantId: acme,
    email: DEMO_CUSTOMER.email,
    name: 'Demo Garage',
    companyName: 'Demo Garage BV',
    vatNumber: 'BE0417497106',
    countryCode: 'BE',
    passwordHash: await hashPassword(DEMO_CUSTOMER.password),
    status: 'active',
    approvalType: 'manual',
    approvedAt: new Date(),
    vatCheck: 'valid',
    marginBp: DEMO_CUSTOMER.marginBp,
  });
}

/** Demo coupons: ACME's 10 % off orders from €100 excl. VAT, TyreDirect's €5 welcome coupon (once each). */
async function seedDemoCoupons(db: Executor, tenantIds: Record<string, string>): Promise<void> {
  const rows = [];
  if (tenantIds.acme) rows.push({ tenantId: tenantIds.acme, code: 'WINTER10', kind: 'percent' as const, percentBp: 1_000, minOrderNetCents: 10_000 });
  if (tenantIds.consumer) rows.push({ tenantId: tenantIds.consumer, code: 'WELCOME5', kind: 'fixed' as const, amountCents: 500, maxPerCustomer: 1 });
  if (rows.length) await db.insert(coupons).values(rows);
}

/**
 * One owner per demo shop (`owner@<subdomain>.test`, the demo password), so the shop's order
 * notifications have somebody to go to.
 */
async function seedDemoOwners(db: Executor, tenantIds: Record<string, string>): Promise<void> {
  const passwordHash = await hashPassword(DEMO_CUSTOMER.password);
  for (const [subdomain, tenantId] of Object.entries(tenantIds)) {
    const [owner] = await db
      .insert(staffUsers)
      .values({ email: `owner@${subdomain}.test`, name: `Owner of ${subdomain}`, passwordHash, role: 'staff' })
      .returning({ id: staffUsers.id });
    await db.insert(tenantMemberships).values({ staffUserId: owner!.id, tenantId, role: 'owner' });
  }
}

export const DEMO_SUPER_ADMIN = { email: 'admin@storefleet.test', password: 'storefleet-admin-2026', name: 'Platform operator' };

/** The platform's operator for the console on `admin.<root>` (development and tests only). */
async function seedSuperAdmin(db: Executor): Promise<void> {
  await db
    .insert(staffUsers)
    .values({ email: DEMO_SUPER_ADMIN.email, name: DEMO_SUPER_ADMIN.name, passwordHash: await hashPassword(DEMO_SUPER_ADMIN.password), role: 'super_admin' })
    .onConflictDoNothing();
}

export async function isSeeded(db: Executor): Promise<boolean> {
  const rows = await db
    .select({ id: tenants.id })
    .from(tenants)
    .where(inArray(tenants.subdomain, ['atraxion']))
    .limit(1);
  return rows.length > 0;
}

export async function seedDemo(db: Executor, options: { articleCount: number; seed?: number }) {
  const catalog = generateCatalog({ articleCount: options.articleCount, seed: options.seed });
  return db.transaction(async (tx) => {
    const seeded = await seedCatalog(tx, catalog);
    const tenantIds = await seedDemoTenants(tx, seeded);
    await seedDemoCustomers(tx, tenantIds);
    await seedDemoCoupons(tx, tenantIds);
    await seedDemoOwners(tx, tenantIds);
    await seedSuperAdmin(tx);
    return { tenantIds, articleCount: catalog.articles.length };
  });
}
