import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SUPER_ADMIN } from '@/db/seed/seed-demo';
import { articles, articleVehicleBrands, brands, categories, customers, platformAuditLog, staffUsers, tenantVisibleBrands, vehicleBrands } from '@/db/schema';
import { changeAdminPassword } from '@/lib/auth/change-admin-password';
import { applyBulkPriceChange, applyChange, parseBulkPriceChange, previewBulkPriceChange } from '@/lib/pricing/bulk-price-change';
import {
  createTaxonomyEntry,
  deleteTaxonomyEntry,
  getCatalogArticle,
  listCatalogArticles,
  renameTaxonomyEntry,
  saveCatalogArticle,
} from '@/lib/catalog/catalog-articles';
import { importCatalogCsv, parseCatalogCsv } from '@/lib/catalog/import-catalog-csv';
import { listCustomersAcrossTenants } from '@/lib/platform-read-model/cross-tenant';
import { projectPlatformReadModel } from '@/lib/platform-read-model/projector';
import type { AdminActor } from '@/lib/auth/authorize-admin';
import { authorizeAdmin, resolveAdminAccess } from '@/lib/auth/authorize-admin';
import { onTenantInvalidated } from '@/lib/cache/cache-invalidation';
import { getVisibleArticlesByIds } from '@/lib/catalog/get-visible-articles-by-ids';
import { isAppError } from '@/lib/errors';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { loadOverrides, seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

let demo: DemoCatalog;
let admin: AdminActor;
const invalidated: string[] = [];

const csv = (...lines: string[]) => new TextEncoder().encode(`${lines.join('\n')}\n`);
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as { code?: string; message: string; details?: Record<string, unknown> },
  );
const auditActions = async () =>
  (await demo.db.select({ action: platformAuditLog.action }).from(platformAuditLog).orderBy(asc(platformAuditLog.createdAt), asc(platformAuditLog.id))).map(
    (r) => r.action,
  );
const articleBySku = async (sku: string) => (await demo.db.select().from(articles).where(eq(articles.sku, sku)))[0];
const fitmentSlugs = async (articleId: number) =>
  (
    await demo.db
      .select({ slug: vehicleBrands.slug })
      .from(articleVehicleBrands)
      .innerJoin(vehicleBrands, eq(vehicleBrands.id, articleVehicleBrands.vehicleBrandId))
      .where(eq(articleVehicleBrands.articleId, articleId))
      .orderBy(asc(vehicleBrands.slug))
  ).map((r) => r.slug);

const HEADER = 'sku,name,brand,category,width,aspect_ratio,rim_diameter,load_index,speed_rating,stock,base_price,vehicle_makes,bolt_pattern,offset_mm';

beforeAll(async () => {
  demo = await seedDemoForTest({ articleCount: 120, dedicated: ['bigcorp'] });
  const [row] = await demo.db.select().from(staffUsers).where(eq(staffUsers.email, DEMO_SUPER_ADMIN.email));
  admin = { id: row!.id, email: row!.email, name: row!.name };
  onTenantInvalidated((tenantId) => invalidated.push(tenantId));
});
afterAll(async () => demo?.cleanup());

describe('catalog CSV import', () => {
  it('refuses a file with bad rows as a whole, naming each row and its column', async () => {
    const before = await demo.db.select({ id: articles.id }).from(articles);
    const error = await errorOf(
      importCatalogCsv(
        admin,
        csv(
          HEADER,
          'TST-1,Testa Sport 205/55 R16 91V,michelin,summer-tyres,205,55,16,91,V,12,89.50,audi|bmw,,',
          'TST-2,Testa Wheel,nobrand,summer-tyres,205,55,16,,,3,80,,,',
          'TST-3,Testa Rim 7.5Jx17,michelin,alloy-wheels,7.5,,17,,,4,-5,,5x112,35',
          'TST-1,Repeated,michelin,summer-tyres,205,55,16,,,1,10,,,',
          'TST-4,Wheel with speed,michelin,alloy-wheels,7.5,,17,,V,4,150,,5x112,35',
        ),
      ),
    );
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/^Nothing was imported: 4 rows have problems/) });
    const rowErrors = error!.details!.rowErrors as string[];
    expect(rowErrors).toEqual([
      expect.stringMatching(/^Row 3: brand: There is no brand “nobrand”/),
      expect.stringMatching(/^Row 4: base_price: /),
      expect.stringMatching(/^Row 5: SKU TST-1 is also on row 2/),
      expect.stringMatching(/^Row 6: speed_rating: Leave empty for wheels/),
    ]);
    expect(await demo.db.select({ id: articles.id }).from(articles)).toHaveLength(before.length);
    expect(await articleBySku('TST-1')).toBeUndefined();
  });

  it('refuses a malformed file before reading rows', async () => {
    expect(await errorOf(importCatalogCsv(admin, csv('sku,colour', 'X,red')))).toMatchObject({
      message: expect.stringMatching(/Unknown column in the header: colour/),
    });
    expect(await errorOf(importCatalogCsv(admin, csv('name,stock', 'X,1')))).toMatchObject({ message: expect.stringMatching(/needs a sku column/) });
    expect(await errorOf(importCatalogCsv(admin, new Uint8Array([0xff, 0xfe, 0x00])))).toMatchObject({ message: expect.stringMatching(/not UTF-8/) });
    expect(await errorOf(importCatalogCsv(admin, csv('sku')))).toMatchObject({ message: expect.stringMatching(/no articles/) });
    // Text PostgreSQL cannot store is a row error, never a failed query.
    expect(await errorOf(importCatalogCsv(admin, csv('sku,name,stock', 'A\u0000B,x,1', 'TST-9,Na\u0000me,1')))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { rowErrorCount: 2 },
    });
  });

  it('creates new articles with slugs and fitments, and importing the same file again changes nothing', async () => {
    const file = csv(
      HEADER,
      'TST-1,Testa Sport 205/55 R16 91V,michelin,summer-tyres,205,55,16,91,v,12,89.50,Audi|bmw,,',
      'TST-3,Testa Rim 7.5Jx17,michelin,alloy-wheels,"7,5",,17,,,4,149,,5 x 112,35',
    );
    invalidated.length = 0;
    expect(await importCatalogCsv(admin, file)).toEqual({ rows: 2, created: 2, updated: 0, unchanged: 0 });
    expect(invalidated).toContain('*');
    const tyre = await articleBySku('TST-1');
    expect(tyre).toMatchObject({
      name: 'Testa Sport 205/55 R16 91V',
      slug: 'testa-sport-205-55-r16-91v',
      kind: 'tyre',
      season: 'summer',
      width: 205,
      aspectRatio: 55,
      speedRating: 'V',
      stock: 12,
      basePriceCents: 8950,
    });
    expect(await fitmentSlugs(tyre!.id)).toEqual(['audi', 'bmw']);
    expect(await articleBySku('TST-3')).toMatchObject({ kind: 'wheel', season: null, width: 75, boltPattern: '5x112', offsetMm: 35, basePriceCents: 14900 });

    invalidated.length = 0;
    expect(await importCatalogCsv(admin, file)).toEqual({ rows: 2, created: 0, updated: 0, unchanged: 2 });
    expect(invalidated).toEqual([]);
    expect(
      await demo.db
        .select()
        .from(articles)
        .where(inArray(articles.sku, ['TST-1', 'TST-3'])),
    ).toHaveLength(2);
  });

  it('updates only the columns a file has: a sku,stock,base_price file keeps names and fitments', async () => {
    const before = await articleBySku('TST-1');
    expect(await importCatalogCsv(admin, csv('sku;stock;base_price', 'TST-1;0;92,00', 'TST-3;4;149.00'))).toEqual({
      rows: 2,
      created: 0,
      updated: 1,
      unchanged: 1,
    });
    expect(await articleBySku('TST-1')).toMatchObject({ ...before, stock: 0, basePriceCents: 9200 });
    expect(await fitmentSlugs(before!.id)).toEqual(['audi', 'bmw']);
    expect(await errorOf(importCatalogCsv(admin, csv('sku,stock', 'NEW-1,5')))).toMatchObject({
      details: { rowErrors: [expect.stringMatching(/^Row 2: name: Enter the article name; brand: Choose a brand/)] },
    });
    expect(await auditActions()).toEqual(expect.arrayContaining(['catalog.imported']));
  });

  it('parses the header in any order and case, skipping blank lines, numbering rows as a spreadsheet does', () => {
    const { rows } = parseCatalogCsv(csv('\uFEFFStock,SKU', '', '3,A-1', '', '4,B-2'));
    expect(rows).toEqual([
      { row: 3, fields: { stock: '3', sku: 'A-1' } },
      { row: 5, fields: { stock: '4', sku: 'B-2' } },
    ]);
  });
});

describe('articles in the console', () => {
  it('lists and searches articles with pagination', async () => {
    const page = await listCatalogArticles({});
    expect(page.total).toBe(demo.articleCount + 2);
    expect(page.rows).toHaveLength(50);
    const found = await listCatalogArticles({ q: 'tst-' });
    expect(found.rows.map((r) => r.sku).sort()).toEqual(['TST-1', 'TST-3']);
    expect((await listCatalogArticles({ q: '100%_' })).total).toBe(0);
    expect((await listCatalogArticles({ page: '999' })).rows).toEqual([]);
  });

  it('edits an article with field errors for bad input, and refuses a SKU another article has', async () => {
    const tyre = await articleBySku('TST-1');
    const loaded = await getCatalogArticle(tyre!.id);
    expect(loaded?.input).toMatchObject({ sku: 'TST-1', brand: 'michelin', category: 'summer-tyres', basePrice: '92.00', vehicleMakes: 'audi|bmw' });
    const bad = await errorOf(saveCatalogArticle(admin, tyre!.id, { ...loaded!.input, width: 'wide', stock: '-1' }));
    expect(bad).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fieldErrors: { width: expect.any(String), stock: expect.stringMatching(/between 0/) } },
    });
    const clash = await errorOf(saveCatalogArticle(admin, tyre!.id, { ...loaded!.input, sku: 'TST-3' }));
    expect(clash).toMatchObject({ details: { fieldErrors: { sku: 'Another article already has the SKU TST-3' } } });

    invalidated.length = 0;
    await saveCatalogArticle(admin, tyre!.id, { ...loaded!.input, name: 'Testa Sport II 205/55 R16 91V', vehicleMakes: 'ford' });
    expect(await articleBySku('TST-1')).toMatchObject({ name: 'Testa Sport II 205/55 R16 91V', slug: tyre!.slug });
    expect(await fitmentSlugs(tyre!.id)).toEqual(['ford']);
    expect(invalidated).toContain('*');
    const [entry] = await demo.db.select().from(platformAuditLog).where(eq(platformAuditLog.action, 'catalog.article_updated'));
    expect(entry).toMatchObject({ actor: DEMO_SUPER_ADMIN.email, details: { sku: 'TST-1', changed: ['name', 'vehicleMakes'] } });
  });
});

describe('brands, categories and vehicle makes', () => {
  it('adds, renames and removes entries, refusing duplicates and entries in use', async () => {
    const brand = await createTaxonomyEntry(admin, 'brands', { name: 'Nordic Grip' });
    expect(brand).toMatchObject({ slug: 'nordic-grip', name: 'Nordic Grip' });
    expect(await errorOf(createTaxonomyEntry(admin, 'brands', { name: 'nordic  grip' }))).toMatchObject({
      details: { fieldErrors: { name: expect.stringMatching(/already a brand/) } },
    });
    expect(await errorOf(createTaxonomyEntry(admin, 'categories', { name: 'Studded tyres', kind: 'tyre' }))).toMatchObject({
      details: { fieldErrors: { season: expect.any(String) } },
    });
    expect(await createTaxonomyEntry(admin, 'categories', { name: 'Studded tyres', kind: 'tyre', season: 'winter' })).toMatchObject({ slug: 'studded-tyres' });

    await renameTaxonomyEntry(admin, 'brands', brand.id, 'Nordic Grip Tyres');
    expect((await demo.db.select().from(brands).where(eq(brands.id, brand.id)))[0]).toMatchObject({ slug: 'nordic-grip', name: 'Nordic Grip Tyres' });
    const [michelin] = await demo.db.select().from(brands).where(eq(brands.slug, 'michelin'));
    expect(await errorOf(renameTaxonomyEntry(admin, 'brands', brand.id, 'MICHELIN'))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await errorOf(deleteTaxonomyEntry(admin, 'brands', michelin!.id))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/used by \d+ articles/),
    });

    // A brand a shop has chosen cannot vanish from under it (the shop would fall back to "every brand").
    await demo.db.insert(tenantVisibleBrands).values({ tenantId: demo.tenantIds.consumer, brandId: brand.id });
    expect(await errorOf(deleteTaxonomyEntry(admin, 'brands', brand.id))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/assortment rules/),
    });
    await demo.db.delete(tenantVisibleBrands).where(eq(tenantVisibleBrands.brandId, brand.id));
    await deleteTaxonomyEntry(admin, 'brands', brand.id);
    expect(await demo.db.select().from(brands).where(eq(brands.id, brand.id))).toEqual([]);
    expect(await auditActions()).toEqual(
      expect.arrayContaining(['catalog.brand_created', 'catalog.brand_renamed', 'catalog.brand_deleted', 'catalog.category_created']),
    );
    expect(await demo.db.select().from(categories).where(eq(categories.slug, 'studded-tyres'))).toHaveLength(1);
  });
});

describe('bulk base price changes', () => {
  it('reads signed percentages and amounts, refusing zero and nonsense', () => {
    expect(parseBulkPriceChange({ mode: 'percent', change: '+3.5' })).toMatchObject({ mode: 'percent', value: 350, label: '+3.5 %' });
    expect(parseBulkPriceChange({ mode: 'percent', change: '−10 %' })).toMatchObject({ value: -1000, label: '−10 %' });
    expect(parseBulkPriceChange({ mode: 'amount', change: '-€2,50' })).toMatchObject({ value: -250, label: '−€2.50' });
    for (const change of ['0', '', 'ten', '+-3', '1.234', '600']) expect(() => parseBulkPriceChange({ mode: 'percent', change })).toThrow();
    expect(applyChange(8950, { mode: 'percent', value: 350 })).toBe(9263); // 9263.25
    expect(applyChange(1, { mode: 'percent', value: 5_000 })).toBe(2); // 1.5 rounds up
  });

  it('previews, then changes every base price in scope in one go; shop prices follow; overrides stay', async () => {
    const [michelin] = await demo.db.select().from(brands).where(eq(brands.slug, 'michelin'));
    const change = { ...parseBulkPriceChange({ mode: 'percent', change: '+10', brand: String(michelin!.id) }) };
    const scoped = await demo.db.select({ id: articles.id, cents: articles.basePriceCents }).from(articles).where(eq(articles.brandId, michelin!.id));
    const others = await demo.db
      .select({ id: articles.id, cents: articles.basePriceCents })
      .from(articles)
      .where(inArray(articles.brandId, [michelin!.id + 1, michelin!.id + 2]));
    const preview = await previewBulkPriceChange(change);
    expect(preview).toMatchObject({ articles: scoped.length, outOfRange: 0 });
    expect(preview.samples.every((s) => s.after === applyChange(s.before, change))).toBe(true);

    expect(await errorOf(applyBulkPriceChange(admin, change, scoped.length + 1))).toMatchObject({ code: 'CONFLICT' });
    invalidated.length = 0;
    expect(await applyBulkPriceChange(admin, change, scoped.length)).toEqual({ updated: scoped.length });
    expect(invalidated).toContain('*');
    const after = new Map((await demo.db.select({ id: articles.id, cents: articles.basePriceCents }).from(articles)).map((a) => [a.id, a.cents]));
    for (const a of scoped) expect(after.get(a.id)).toBe(applyChange(a.cents, change));
    for (const a of others) expect(after.get(a.id)).toBe(a.cents);

    // A shop without an override for the article now sells it at the new base price.
    const shop = demo.tenantIds.atraxion;
    const overrides = await loadOverrides(demo.db, shop);
    const visible = [
      ...(
        await getVisibleArticlesByIds(
          demo.db,
          await demo.scopeFor(shop),
          scoped.map((a) => a.id),
        )
      ).values(),
    ];
    const plain = visible.filter((a) => !overrides.has(a.id));
    expect(plain.length).toBeGreaterThan(0);
    for (const a of plain) expect(a.netPriceCents).toBe(applyChange(scoped.find((s) => s.id === a.id)!.cents, change));
    const [entry] = await demo.db.select().from(platformAuditLog).where(eq(platformAuditLog.action, 'catalog.base_prices_changed'));
    expect(entry?.details).toMatchObject({ scope: 'Michelin', change: '+10 %', articles: scoped.length });
  });

  it('refuses a change that would take any price below a cent, changing nothing', async () => {
    const change = parseBulkPriceChange({ mode: 'amount', change: '-5000' });
    const preview = await previewBulkPriceChange(change);
    expect(preview.outOfRange).toBeGreaterThan(0);
    const before = await demo.db.select({ id: articles.id, cents: articles.basePriceCents }).from(articles).orderBy(asc(articles.id));
    expect(await errorOf(applyBulkPriceChange(admin, change, preview.articles))).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/Nothing was changed/),
    });
    expect(await demo.db.select({ id: articles.id, cents: articles.basePriceCents }).from(articles).orderBy(asc(articles.id))).toEqual(before);
  });
});

describe('customers across tenants', () => {
  it('lists customers of every shop, including one in a dedicated database, filtered by shop and search', async () => {
    await withTenant(demo.tenantIds.bigcorp, (tx) =>
      tx.insert(customers).values({ tenantId: demo.tenantIds.bigcorp, email: 'fleet@bigcorp.test', name: 'Fleet Buyer', status: 'active' }),
    );
    await withTenant(demo.tenantIds.atraxion, (tx) =>
      tx.insert(customers).values({ tenantId: demo.tenantIds.atraxion, email: 'garage@atraxion.test', name: 'Garage 100%', status: 'pending_approval' }),
    );
    await projectPlatformReadModel();
    const all = await listCustomersAcrossTenants(admin);
    expect(all.freshness.upTo).not.toBeNull();
    expect(all.customers.map((c) => `${c.email}@${c.tenantName}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^buyer@acme\.test@/),
        expect.stringMatching(/^fleet@bigcorp\.test@/),
        expect.stringMatching(/^garage@atraxion\.test@/),
      ]),
    );
    const acmeOnly = await listCustomersAcrossTenants(admin, { tenantId: demo.tenantIds.acme });
    expect(acmeOnly.customers.length).toBeGreaterThan(0);
    expect(acmeOnly.customers.every((c) => c.tenantId === demo.tenantIds.acme)).toBe(true);
    expect((await listCustomersAcrossTenants(admin, { search: 'FLEET' })).customers.map((c) => c.email)).toEqual(['fleet@bigcorp.test']);
    expect((await listCustomersAcrossTenants(admin, { search: '100%' })).customers.map((c) => c.email)).toEqual(['garage@atraxion.test']);
  });
});

describe("the operator's password", () => {
  const request = new Request('http://admin.localhost/api/admin-auth/callback/admin-credentials', { method: 'POST', headers: { host: 'admin.localhost' } });

  it('needs the current password and a strong new one; afterwards only the new one signs in', async () => {
    const wrong = await errorOf(
      changeAdminPassword(admin, { currentPassword: 'nope', newPassword: 'a much longer passphrase', confirmPassword: 'a much longer passphrase' }),
    );
    expect(wrong).toMatchObject({ details: { fieldErrors: { currentPassword: expect.any(String) } } });
    const short = await errorOf(changeAdminPassword(admin, { currentPassword: DEMO_SUPER_ADMIN.password, newPassword: 'short', confirmPassword: 'short' }));
    expect(short).toMatchObject({ details: { fieldErrors: { newPassword: expect.stringMatching(/at least 14/) } } });
    const differ = await errorOf(
      changeAdminPassword(admin, {
        currentPassword: DEMO_SUPER_ADMIN.password,
        newPassword: 'a much longer passphrase',
        confirmPassword: 'a much longer passphrasE',
      }),
    );
    expect(differ).toMatchObject({ details: { fieldErrors: { confirmPassword: expect.any(String) } } });

    const signedInBefore = Date.now() - 1_000;
    expect(await resolveAdminAccess({ host: 'admin.localhost', admin: { adminId: admin.id, signedInAt: signedInBefore }, others: [] })).toMatchObject({
      kind: 'admin',
    });
    await changeAdminPassword(admin, {
      currentPassword: DEMO_SUPER_ADMIN.password,
      newPassword: 'a much longer passphrase',
      confirmPassword: 'a much longer passphrase',
    });
    // Sessions from before the change are over (one without a sign-in time too); a new sign-in counts.
    expect(await resolveAdminAccess({ host: 'admin.localhost', admin: { adminId: admin.id, signedInAt: signedInBefore }, others: [] })).toEqual({
      kind: 'anonymous',
    });
    expect(await resolveAdminAccess({ host: 'admin.localhost', admin: { adminId: admin.id }, others: [] })).toEqual({ kind: 'anonymous' });
    expect(await resolveAdminAccess({ host: 'admin.localhost', admin: { adminId: admin.id, signedInAt: Date.now() + 1 }, others: [] })).toMatchObject({
      kind: 'admin',
    });
    expect(await authorizeAdmin({ email: DEMO_SUPER_ADMIN.email, password: DEMO_SUPER_ADMIN.password }, request)).toBeNull();
    expect(await authorizeAdmin({ email: DEMO_SUPER_ADMIN.email, password: 'a much longer passphrase' }, request)).toMatchObject({ id: admin.id });
    expect(await auditActions()).toContain('admin.password_changed');
    const [entry] = await demo.db.select().from(platformAuditLog).where(eq(platformAuditLog.action, 'admin.password_changed'));
    expect(JSON.stringify(entry)).not.toMatch(/passphrase/);
  });

  it('stops guessing the current password after five tries', async () => {
    for (let i = 0; i < 5; i++) await errorOf(changeAdminPassword(admin, { currentPassword: `guess ${i}` }));
    const blocked = await errorOf(
      changeAdminPassword(admin, {
        currentPassword: 'a much longer passphrase',
        newPassword: 'another long passphrase',
        confirmPassword: 'another long passphrase',
      }),
    );
    expect(isAppError(blocked) && blocked.code).toBe('FORBIDDEN');
  });
});
