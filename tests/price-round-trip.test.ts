import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantArticlePrices } from '@/db/schema';
import { exportPriceCsv } from '@/lib/pricing/export-price-csv';
import { importPriceCsv, type PriceImportMode } from '@/lib/pricing/import-price-csv';
import { windowsOverlap } from '@/lib/pricing/price-windows';
import { isAppError } from '@/lib/errors';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

// Export → edit → import: the dashboard's price file goes back in as it came out, in either mode.

const OWNER = 'owner@acme.test';
let demo: DemoCatalog;
let acme: string;

const bytes = (text: string) => new TextEncoder().encode(text);
const overrides = () =>
  demo.db
    .select({
      articleId: tenantArticlePrices.articleId,
      priceCents: tenantArticlePrices.priceCents,
      validFrom: tenantArticlePrices.validFrom,
      validUntil: tenantArticlePrices.validUntil,
    })
    .from(tenantArticlePrices)
    .where(eq(tenantArticlePrices.tenantId, acme))
    .orderBy(asc(tenantArticlePrices.articleId), asc(tenantArticlePrices.validFrom));

/** The export as rows of cells, header first. */
const rowsOf = (csv: string) =>
  csv
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','));
const joined = (rows: string[][]) => `${rows.map((r) => r.join(',')).join('\n')}\n`;

beforeAll(async () => {
  demo = await seedDemoForTest({ articleCount: 200 });
  acme = demo.tenantIds.acme;
});
afterAll(async () => {
  await demo?.cleanup();
});

describe('the demo prices', () => {
  it('have no overlapping windows and start and end on shop days, so the export writes dates', async () => {
    const rows = await overrides();
    expect(rows.length).toBeGreaterThan(5);
    for (const a of rows) for (const b of rows) if (a !== b && a.articleId === b.articleId) expect(windowsOverlap(a, b)).toBe(false);
    const [, ...body] = rowsOf(await exportPriceCsv(demo.db, acme));
    for (const [, , from, until] of body) {
      expect(from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(until).toMatch(/^(\d{4}-\d{2}-\d{2})?$/);
    }
  });
});

describe.each<PriceImportMode>(['add', 'replace'])('re-importing ACME’s export (%s)', (mode) => {
  it('takes the exact file without a change or an error', async () => {
    const before = await overrides();
    const exported = await exportPriceCsv(demo.db, acme);
    const result = await importPriceCsv(acme, bytes(exported), OWNER, { mode });
    expect(result).toEqual({ added: 0, changed: 0, unchanged: rowsOf(exported).length - 1, withdrawn: 0 });
    expect(await overrides()).toEqual(before);
    expect(await exportPriceCsv(demo.db, acme)).toBe(exported);
  });

  it('applies one edited price as one change, and nothing else', async () => {
    const before = await overrides();
    const [header, ...body] = rowsOf(await exportPriceCsv(demo.db, acme));
    // The first current or future row (an open-ended one): past prices stay on record.
    const edited = body.findIndex((r) => r[3] === '');
    const newPrice = mode === 'add' ? '12.34' : '23.45';
    const changedRows = body.map((r, i) => (i === edited ? [r[0]!, newPrice, r[2]!, r[3]!] : r));
    const result = await importPriceCsv(acme, bytes(joined([header!, ...changedRows])), OWNER, { mode });
    expect(result).toEqual({ added: 0, changed: 1, unchanged: body.length - 1, withdrawn: 0 });
    const after = await overrides();
    expect(after.filter((row, i) => row.priceCents !== before[i]!.priceCents)).toHaveLength(1);
    expect(after.map((r) => [r.articleId, r.validFrom, r.validUntil])).toEqual(before.map((r) => [r.articleId, r.validFrom, r.validUntil]));
    expect(rowsOf(await exportPriceCsv(demo.db, acme))).toEqual([header, ...changedRows]);
  });
});

describe('add and replace differ in what the file leaves out', () => {
  it('add keeps a left-out price; replace withdraws it for the articles the file names, and leaves the others alone', async () => {
    const [header, ...body] = rowsOf(await exportPriceCsv(demo.db, acme));
    const skus = [...new Set(body.map((r) => r[0]))];
    // An article with a current and a future price: the file keeps the current one only.
    const sku = skus.find((s) => body.filter((r) => r[0] === s && (r[3] === '' || r[3]! > new Date().toISOString().slice(0, 10))).length >= 2)!;
    expect(sku).toBeDefined();
    const ofSku = body.filter((r) => r[0] === sku);
    const file = joined([header!, ofSku[0]!]);
    const count = async () => (await overrides()).length;
    const total = await count();

    expect(await importPriceCsv(acme, bytes(file), OWNER, { mode: 'add' })).toEqual({ added: 0, changed: 0, unchanged: 1, withdrawn: 0 });
    expect(await count()).toBe(total);

    const replaced = await importPriceCsv(acme, bytes(file), OWNER, { mode: 'replace' });
    expect(replaced).toMatchObject({ added: 0, changed: 0, unchanged: 1 });
    expect(replaced.withdrawn).toBeGreaterThanOrEqual(1);
    const after = rowsOf(await exportPriceCsv(demo.db, acme));
    // Every other article's rows are as they were.
    expect(after.filter((r) => r[0] !== sku)).toEqual([header, ...body.filter((r) => r[0] !== sku)]);
    expect(after.filter((r) => r[0] === sku)).toContainEqual(ofSku[0]);
  });

  it('a new window over a price the file leaves out: add refuses it, replace takes the file as the new list', async () => {
    const [header, ...body] = rowsOf(await exportPriceCsv(demo.db, acme));
    const open = body.find((r) => r[3] === '')!;
    const nextYear = `${new Date().getUTCFullYear() + 1}-06-01`;
    for (const mode of ['add', 'replace'] as const) {
      const error = await importPriceCsv(acme, bytes(joined([header!, [open[0]!, '9.99', nextYear, '']])), OWNER, { mode }).catch((e: unknown) => e);
      if (mode === 'replace') {
        // Replacing: the file is the article's whole list, so the open-ended price it leaves out goes.
        expect(isAppError(error)).toBe(false);
      } else {
        expect(isAppError(error, 'VALIDATION_FAILED')).toBe(true);
        expect((error as { details: { rowErrors: string[] } }).details.rowErrors[0]).toMatch(
          /^Row 2: .* already has a price of .* which overlaps this window\.$/,
        );
      }
    }
  });
});
