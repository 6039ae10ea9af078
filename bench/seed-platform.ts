import type { Sql } from './database';
import { copyRows } from './copy-rows';
import { buildPlatformCatalog } from './platform-catalog';
import { buildTenants, priceRows } from './platform-tenants';

export interface SeedCounts {
  brands: number;
  categories: number;
  articles: number;
  vehicleLinks: number;
  tenants: number;
  visibilityRows: number;
  priceRows: number;
  seconds: number;
}

/** Seeds the platform plane at benchmark scale in one transaction, with COPY throughout. */
export async function seedPlatform(
  sql: Sql,
  scale: { articles: number; tenants: number; pricesPerTenant: number },
  log: (m: string) => void,
): Promise<SeedCounts> {
  const started = performance.now();
  const catalog = buildPlatformCatalog(scale.articles);
  const tenants = buildTenants(catalog, scale.tenants);
  log(`generated ${catalog.articles.length} articles, ${catalog.brands.length} brands, ${catalog.categories.length} categories, ${tenants.length} tenants`);
  const counts = await sql.begin(async (tx) => {
    const t = tx as unknown as Sql;
    const brands = await copyRows(t, 'brands', ['id', 'slug', 'name'], catalog.brands, (b) => [b.id, b.slug, b.name]);
    const categories = await copyRows(t, 'categories', ['id', 'slug', 'name', 'kind', 'season', 'sort_order'], catalog.categories, (c) => [
      c.id,
      c.slug,
      c.name,
      c.kind,
      c.season,
      c.sortOrder,
    ]);
    await copyRows(t, 'vehicle_brands', ['id', 'slug', 'name'], catalog.vehicleBrands, (v) => [v.id, v.slug, v.name]);
    const articles = await copyRows(
      t,
      'articles',
      [
        'id',
        'sku',
        'slug',
        'name',
        'description',
        'kind',
        'brand_id',
        'category_id',
        'season',
        'width',
        'aspect_ratio',
        'rim_diameter',
        'load_index',
        'speed_rating',
        'eu_fuel_class',
        'eu_wet_grip_class',
        'eu_noise_db',
        'eu_noise_class',
        'bolt_pattern',
        'offset_mm',
        'stock',
        'base_price_cents',
        'currency',
      ],
      catalog.articles,
      (a) => [
        a.id,
        a.sku,
        a.slug,
        a.name,
        a.description,
        a.kind,
        a.brandId,
        a.categoryId,
        a.season,
        a.width,
        a.aspectRatio,
        a.rimDiameter,
        a.loadIndex,
        a.speedRating,
        a.euFuelClass,
        a.euWetGripClass,
        a.euNoiseDb,
        a.euNoiseClass,
        a.boltPattern,
        a.offsetMm,
        a.stock,
        a.basePriceCents,
        a.currency ?? 'EUR',
      ],
    );
    log(`copied ${articles} articles`);
    const vehicleLinks = await copyRows(
      t,
      'article_vehicle_brands',
      ['article_id', 'vehicle_brand_id'],
      catalog.articles.flatMap((a) => a.vehicleBrandIds.map((v) => [a.id, v] as const)),
      (l) => [l[0], l[1]],
    );
    for (const table of ['brands', 'categories', 'vehicle_brands', 'articles']) {
      await t.unsafe(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
    }
    const tenantCount = await copyRows(
      t,
      'tenants',
      [
        'id',
        'subdomain',
        'name',
        'tagline',
        'logo_url',
        'primary_color',
        'accent_color',
        'sales_mode',
        'country_code',
        'vat_rate_bp',
        'vat_number_required',
        'approval_required',
        'from_email_address',
      ],
      tenants,
      (s) => [
        s.id,
        s.subdomain,
        s.name,
        'Tyres and wheels for the trade',
        s.logoUrl,
        s.primaryColor,
        s.accentColor,
        s.salesMode,
        s.countryCode,
        s.vatRateBp,
        s.salesMode === 'b2b',
        s.salesMode === 'b2b',
        `info@${s.subdomain}.storefleet.test`,
      ],
    );
    const visibleBrands = await copyRows(
      t,
      'tenant_visible_brands',
      ['tenant_id', 'brand_id'],
      tenants.flatMap((s) => s.brandIds.map((id) => [s.id, id] as const)),
      (r) => [r[0], r[1]],
    );
    const visibleCategories = await copyRows(
      t,
      'tenant_visible_categories',
      ['tenant_id', 'category_id'],
      tenants.flatMap((s) => s.categoryIds.map((id) => [s.id, id] as const)),
      (r) => [r[0], r[1]],
    );
    log(`copied ${tenantCount} tenants and their visibility rules`);
    const prices = await copyRows(
      t,
      'tenant_article_prices',
      ['tenant_id', 'article_id', 'price_cents', 'valid_from', 'valid_until'],
      priceRows(catalog, tenants, scale.pricesPerTenant),
      (p) => [p.tenantId, p.articleId, p.priceCents, p.validFrom, p.validUntil],
    );
    log(`copied ${prices} tenant price rows`);
    return { brands, categories, articles, vehicleLinks, tenants: tenantCount, visibilityRows: visibleBrands + visibleCategories, priceRows: prices };
  });
  // Statistics and the visibility map as a long-running production database would have them.
  await sql`vacuum (analyze)`;
  return { ...counts, seconds: Math.round((performance.now() - started) / 100) / 10 };
}
