import { and, eq, inArray, isNull, notExists, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles, brands, categories, tenantArticlePrices } from '@/db/schema';
import { getVisibleArticleBySlug } from '@/lib/catalog/get-visible-article';
import { exportPriceCsv } from '@/lib/pricing/export-price-csv';
import { importPriceCsv } from '@/lib/pricing/import-price-csv';
import { shopDay } from '@/lib/pricing/price-input';
import { addPriceOverride, deletePriceOverride } from '@/lib/pricing/price-overrides';
import { getArticlePrices, searchPricedArticles } from '@/lib/pricing/price-search';
import { isAppError, type ErrorCode } from '@/lib/errors';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

const OWNER = 'owner@acme.test';
const DAY_MS = 86_400_000;

let demo: DemoCatalog;
let acme: string;
let atraxion: string;
let consumer: string;

type Article = { id: number; sku: string; slug: string; basePriceCents: number };

const day = (offset: number) => shopDay(new Date(Date.now() + offset * DAY_MS));
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );
const csv = (...lines: string[]) => new TextEncoder().encode(lines.join('\n'));

async function expectError(promise: Promise<unknown>, code: ErrorCode, message?: RegExp) {
  const error = await errorOf(promise);
  expect(isAppError(error, code), `expected ${code}, got ${String(error)}`).toBe(true);
  if (message) expect((error as Error).message).toMatch(message);
  return error as Error & { details?: Record<string, unknown> };
}

/** Tyres of a brand that no demo shop has priced: each test takes its own, so they never collide. */
const fresh: Record<string, Article[]> = {};
async function freshArticle(brandSlug: string): Promise<Article> {
  fresh[brandSlug] ??= await demo.db
    .select({ id: articles.id, sku: articles.sku, slug: articles.slug, basePriceCents: articles.basePriceCents })
    .from(articles)
    .innerJoin(brands, eq(brands.id, articles.brandId))
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(
      and(
        eq(brands.slug, brandSlug),
        eq(articles.kind, 'tyre'),
        notExists(demo.db.select().from(tenantArticlePrices).where(eq(tenantArticlePrices.articleId, articles.id))),
      ),
    )
    .orderBy(articles.id);
  const article = fresh[brandSlug]!.shift();
  if (!article) throw new Error(`no unpriced ${brandSlug} article left`);
  return article;
}

/** The price a buyer of the shop sees on the product page, through the storefront's data layer. */
async function shownNetPrice(tenantId: string, article: Article): Promise<number | undefined> {
  return (await getVisibleArticleBySlug(demo.db, await demo.scopeFor(tenantId), article.slug))?.netPriceCents;
}

const overridesOf = (tenantId: string) => demo.db.select().from(tenantArticlePrices).where(eq(tenantArticlePrices.tenantId, tenantId));

beforeAll(async () => {
  demo = await seedDemoForTest({ articleCount: 1200 });
  ({ acme, atraxion, consumer } = demo.tenantIds);
});
afterAll(async () => demo?.cleanup());

describe('price overrides', () => {
  it('adds a current override that the storefront shows at once, and deletes it again', async () => {
    const article = await freshArticle('michelin');
    expect(await shownNetPrice(acme, article)).toBe(article.basePriceCents);
    const row = await addPriceOverride(acme, { articleId: article.id, price: '89,50', validFrom: day(0), validUntil: '' }, OWNER);
    expect(row).toMatchObject({ tenantId: acme, articleId: article.id, priceCents: 8950, validUntil: null });
    expect(await shownNetPrice(acme, article)).toBe(8950);
    // Only at this shop.
    expect(await shownNetPrice(atraxion, article)).toBe(article.basePriceCents);

    const prices = await getArticlePrices(demo.db, acme, article.id);
    expect(prices?.article).toMatchObject({ basePriceCents: article.basePriceCents, currentPriceCents: 8950 });
    expect(prices?.overrides.map((o) => o.status)).toEqual(['current']);
    expect((await searchPricedArticles(demo.db, acme, article.sku)).rows).toEqual([
      expect.objectContaining({ id: article.id, currentPriceCents: 8950, overrideCount: 1 }),
    ]);

    await deletePriceOverride(acme, row.id, OWNER);
    expect(await shownNetPrice(acme, article)).toBe(article.basePriceCents);
    expect((await getArticlePrices(demo.db, acme, article.id))?.overrides).toEqual([]);
  });

  it('labels past, current and future overrides, and deletes only current and future ones', async () => {
    const article = await freshArticle('michelin');
    const past = (
      await demo.db
        .insert(tenantArticlePrices)
        .values({
          tenantId: acme,
          articleId: article.id,
          priceCents: 5000,
          validFrom: new Date(Date.now() - 20 * DAY_MS),
          validUntil: new Date(Date.now() - 10 * DAY_MS),
        })
        .returning()
    )[0]!;
    await addPriceOverride(acme, { articleId: article.id, price: '60', validFrom: day(-5), validUntil: day(5) }, OWNER);
    const future = await addPriceOverride(acme, { articleId: article.id, price: '70.5', validFrom: day(5), validUntil: '' }, OWNER);
    const prices = await getArticlePrices(demo.db, acme, article.id);
    expect(prices?.overrides.map((o) => [o.priceCents, o.status])).toEqual([
      [5000, 'past'],
      [6000, 'current'],
      [7050, 'future'],
    ]);
    expect(await shownNetPrice(acme, article)).toBe(6000);

    await expectError(deletePriceOverride(acme, past.id, OWNER), 'CONFLICT', /past prices stay/);
    await deletePriceOverride(acme, future.id, OWNER);
    expect((await getArticlePrices(demo.db, acme, article.id))?.overrides.map((o) => o.status)).toEqual(['past', 'current']);
  });

  it('refuses a window that overlaps another override of the article, whatever its shape', async () => {
    const article = await freshArticle('michelin');
    const add = (validFrom: string, validUntil = '', price = '80') => addPriceOverride(acme, { articleId: article.id, price, validFrom, validUntil }, OWNER);
    await add(day(10), day(20));
    const overlap = (from: string, until?: string) =>
      expectError(add(from, until), 'VALIDATION_FAILED', new RegExp(`^${article.sku} already has a price of €80\\.00 for .+ – .+, which overlaps`));

    await overlap(day(12), day(15)); // inside
    await overlap(day(5), day(15)); // straddling the start
    await overlap(day(15), day(25)); // straddling the end
    await overlap(day(5), day(25)); // around it
    await overlap(day(10), day(20)); // the same window
    const openEnded = await overlap(day(1)); // open-ended, starting before
    expect(openEnded.details?.fieldErrors).toMatchObject({ validFrom: openEnded.message });

    // Touching windows do not overlap: the end is exclusive.
    await add(day(20), day(30));
    await add(day(5), day(10));
    // An open-ended window after them, then nothing can start later.
    await add(day(30));
    const after = await overlap(day(60), day(70));
    expect(after.message).toContain('open-ended');
    expect((await getArticlePrices(demo.db, acme, article.id))?.overrides).toHaveLength(4);
  });

  it('checks the price and the dates', async () => {
    const article = await freshArticle('michelin');
    const add = (price: string, validFrom = day(1), validUntil = '') => addPriceOverride(acme, { articleId: article.id, price, validFrom, validUntil }, OWNER);
    const fieldError = async (promise: Promise<unknown>) =>
      ((await expectError(promise, 'VALIDATION_FAILED')).details?.fieldErrors ?? {}) as Record<string, string>;
    expect((await fieldError(add('0'))).price).toMatch(/more than €0/);
    expect((await fieldError(add('100000.01'))).price).toMatch(/at most €100,000/);
    expect((await fieldError(add('1.250,00'))).price).toMatch(/not a price/);
    expect((await fieldError(add('12', day(3), day(3)))).validUntil).toMatch(/after valid from/);
    expect((await fieldError(add('12', '2026-02-30'))).validFrom).toMatch(/not a date/);
    expect((await fieldError(add('12', ''))).validFrom).toMatch(/first day/);
    await add('100000', day(1));
    expect((await getArticlePrices(demo.db, acme, article.id))?.overrides.map((o) => o.priceCents)).toEqual([10_000_000]);
  });

  it('refuses an article the shop does not show, and another shop’s override, changing nothing', async () => {
    const hidden = await freshArticle('pirelli');
    await expectError(addPriceOverride(acme, { articleId: hidden.id, price: '50', validFrom: day(0) }, OWNER), 'NOT_FOUND');
    await expectError(addPriceOverride(acme, { articleId: 'x', price: '50', validFrom: day(0) }, OWNER), 'NOT_FOUND');
    expect(await getArticlePrices(demo.db, acme, hidden.id)).toBeNull();

    const theirs = await addPriceOverride(atraxion, { articleId: hidden.id, price: '50', validFrom: day(0) }, 'owner@atraxion.test');
    const before = await overridesOf(acme);
    await expectError(deletePriceOverride(acme, theirs.id, OWNER), 'NOT_FOUND');
    await expectError(deletePriceOverride(acme, 'not-a-number', OWNER), 'NOT_FOUND');
    expect(await demo.db.select().from(tenantArticlePrices).where(eq(tenantArticlePrices.id, theirs.id))).toHaveLength(1);
    expect(await overridesOf(acme)).toEqual(before);
    expect(await shownNetPrice(atraxion, hidden)).toBe(5000);
  });
});

describe('CSV import and export', () => {
  it('applies nothing when one row is bad, and names every bad row', async () => {
    const [a, b, c] = [await freshArticle('michelin'), await freshArticle('michelin'), await freshArticle('continental')];
    await addPriceOverride(acme, { articleId: c.id, price: '70', validFrom: day(-1) }, OWNER);
    const before = await overridesOf(acme);
    const hidden = await freshArticle('pirelli');
    const error = await expectError(
      importPriceCsv(
        acme,
        csv(
          'sku,price,valid_from,valid_until',
          `${a.sku},81.00,${day(1)},`,
          `${b.sku},82.00,${day(1)},${day(30)}`,
          'NO-SUCH-SKU,10,2030-01-01,',
          `${hidden.sku},10,2030-01-01,`,
          `${a.sku},abc,${day(40)},`,
          '',
          `${b.sku},50,yesterday,`,
          `${b.sku},50,${day(10)},${day(5)}`,
          `${c.sku},65,${day(10)},`,
          `${b.sku},83,${day(29)},${day(35)}`,
        ),
        OWNER,
      ),
      'VALIDATION_FAILED',
      /Nothing was imported: 7 rows have problems/,
    );
    const rowErrors = error.details?.rowErrors as string[];
    expect(rowErrors).toHaveLength(7);
    expect(rowErrors[0]).toBe('Row 4: no article with SKU “NO-SUCH-SKU” in your shop’s assortment.');
    expect(rowErrors[1]).toBe(`Row 5: no article with SKU “${hidden.sku}” in your shop’s assortment.`);
    expect(rowErrors[2]).toMatch(/^Row 6: “abc” is not a price/);
    // The blank line is row 7 as a spreadsheet shows it.
    expect(rowErrors[3]).toMatch(/^Row 8: valid_from “yesterday” is not a date/);
    expect(rowErrors[4]).toMatch(/^Row 9: valid_until must be after valid_from\.$/);
    expect(rowErrors[5]).toMatch(new RegExp(`^Row 10: ${c.sku} already has a price of €70\\.00 for .* – open-ended, which overlaps this window\\.$`));
    expect(rowErrors[6]).toMatch(new RegExp(`^Row 11: ${b.sku}: this window overlaps row 3 of the file`));
    expect(await overridesOf(acme)).toEqual(before);
    expect(await shownNetPrice(acme, a)).toBe(a.basePriceCents);
  });

  it('refuses a file without the header, too many rows or bytes, or not UTF-8', async () => {
    const a = await freshArticle('michelin');
    const fileError = async (bytes: Uint8Array, message: RegExp) => expectError(importPriceCsv(acme, bytes, OWNER), 'VALIDATION_FAILED', message);
    await fileError(csv(`${a.sku},81.00,${day(1)},`), /first row must be the header sku,price,valid_from,valid_until/);
    await fileError(csv('sku,price,valid_from'), /first row must be the header/);
    await fileError(csv('sku,price,valid_from,valid_until'), /no prices/);
    await fileError(csv('sku,price,valid_from,valid_until', ...Array.from({ length: 5001 }, (_, i) => `X${i},1,2030-01-01,`)), /5,001 rows; at most 5,000/);
    await fileError(new Uint8Array(1_000_001).fill(65), /larger than 1 MB/);
    await fileError(new Uint8Array([0x73, 0x6b, 0x75, 0xff, 0xfe]), /not UTF-8/);
    await fileError(csv('sku,price,valid_from,valid_until', `"${a.sku},1,2030-01-01,`), /not valid CSV/);
  });

  it('applies a good file in one go: BOM, semicolons, comma decimals and columns in any order', async () => {
    const [a, b] = [await freshArticle('michelin'), await freshArticle('continental')];
    const { added: inserted } = await importPriceCsv(
      acme,
      csv(`\uFEFFvalid_from;SKU;price;valid_until`, `${day(-1)};${a.sku};"91,25";`, `${day(-3)};${b.sku};77;${day(3)}`, `${day(3)};${b.sku};78.10;`),
      OWNER,
    );
    expect(inserted).toBe(3);
    expect(await shownNetPrice(acme, a)).toBe(9125);
    expect(await shownNetPrice(acme, b)).toBe(7700);
    expect((await getArticlePrices(demo.db, acme, b.id))?.overrides.map((o) => [o.priceCents, o.status])).toEqual([
      [7700, 'current'],
      [7810, 'future'],
    ]);
  });

  it('exports what imports back to the same overrides', async () => {
    const [a, b] = [await freshArticle('michelin'), await freshArticle('continental')];
    await addPriceOverride(atraxion, { articleId: a.id, price: '99.99', validFrom: day(-2), validUntil: day(2) }, OWNER);
    await addPriceOverride(atraxion, { articleId: a.id, price: '101', validFrom: day(2) }, OWNER);
    // A bound that is not a shop midnight survives the trip as a full timestamp.
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 3 * DAY_MS + 4321);
    await demo.db.insert(tenantArticlePrices).values({ tenantId: atraxion, articleId: b.id, priceCents: 4205, validFrom: at, validUntil: null });
    const exported = await exportPriceCsv(demo.db, atraxion);
    const lines = exported.trimEnd().split('\n');
    expect(lines[0]).toBe('sku,price,valid_from,valid_until');
    expect(lines).toContain(`${a.sku},99.99,${day(-2)},${day(2)}`);
    expect(lines).toContain(`${a.sku},101.00,${day(2)},`);
    expect(lines).toContain(`${b.sku},42.05,${at.toISOString()},`);

    // Another shop that shows these tyres and has no prices of its own takes the file as it is.
    expect(await overridesOf(consumer)).toEqual([]);
    expect((await importPriceCsv(consumer, new TextEncoder().encode(exported), OWNER)).added).toBe(lines.length - 1);
    expect(await exportPriceCsv(demo.db, consumer)).toBe(exported);
    const windows = (tenantId: string) =>
      demo.db
        .select({
          articleId: tenantArticlePrices.articleId,
          priceCents: tenantArticlePrices.priceCents,
          validFrom: tenantArticlePrices.validFrom,
          validUntil: tenantArticlePrices.validUntil,
        })
        .from(tenantArticlePrices)
        .where(eq(tenantArticlePrices.tenantId, tenantId))
        .orderBy(tenantArticlePrices.articleId, tenantArticlePrices.validFrom);
    expect(await windows(consumer)).toEqual(await windows(atraxion));

    // The same file again matches every override it names: nothing changes, nothing is refused.
    expect(await importPriceCsv(consumer, new TextEncoder().encode(exported), OWNER)).toEqual({
      added: 0,
      changed: 0,
      unchanged: lines.length - 1,
      withdrawn: 0,
    });
    expect(await overridesOf(consumer)).toHaveLength(lines.length - 1);
  });

  it('leaves other shops’ rows alone: an import only ever writes the importing shop’s prices', async () => {
    const a = await freshArticle('michelin');
    const others = await demo.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(tenantArticlePrices)
      .where(inArray(tenantArticlePrices.tenantId, [atraxion, consumer]));
    await importPriceCsv(acme, csv('sku,price,valid_from,valid_until', `${a.sku},12.34,${day(0)},`), OWNER);
    const after = await demo.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(tenantArticlePrices)
      .where(inArray(tenantArticlePrices.tenantId, [atraxion, consumer]));
    expect(after).toEqual(others);
    const mine = await demo.db
      .select()
      .from(tenantArticlePrices)
      .where(and(eq(tenantArticlePrices.articleId, a.id), isNull(tenantArticlePrices.validUntil)));
    expect(mine.map((r) => [r.tenantId, r.priceCents])).toEqual([[acme, 1234]]);
  });
});
