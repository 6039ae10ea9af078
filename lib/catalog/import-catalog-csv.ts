import 'server-only';
import { CsvError, parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { platformDb } from '@/db/connection-registry';
import { articles } from '@/db/schema';
import type { AdminActor } from '@/lib/auth/authorize-admin';
import { ALL_TENANTS, announceTenantChange } from '@/lib/cache/cache-invalidation';
import { AppError, isAppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { allocateSlugs, fitmentsOf, loadTaxonomy, lockCatalog, replaceFitments, storedArticles } from './catalog-articles';
import { articleToInput, changedColumns, parseArticleInput, SKU_PATTERN, type ArticleField, type ArticleInput, type ArticleValues } from './article-input';
import { writePlatformAudit } from '@/lib/audit/platform-audit';

// The wholesale catalog CSV: one article a row, keyed by SKU. A known SKU is updated with the columns
// the file has (a file of `sku,stock` only changes stock); an unknown SKU is a new article and needs
// every required column. The file goes in whole or not at all.

/** CSV header → form field. */
const CATALOG_CSV_COLUMNS = {
  sku: 'sku',
  name: 'name',
  brand: 'brand',
  category: 'category',
  width: 'width',
  aspect_ratio: 'aspectRatio',
  rim_diameter: 'rimDiameter',
  load_index: 'loadIndex',
  speed_rating: 'speedRating',
  eu_fuel_class: 'euFuelClass',
  eu_wet_grip_class: 'euWetGripClass',
  eu_noise_db: 'euNoiseDb',
  eu_noise_class: 'euNoiseClass',
  bolt_pattern: 'boltPattern',
  offset_mm: 'offsetMm',
  stock: 'stock',
  base_price: 'basePrice',
  description: 'description',
  vehicle_makes: 'vehicleMakes',
} as const satisfies Record<string, ArticleField>;
type CsvColumn = keyof typeof CATALOG_CSV_COLUMNS;
const COLUMN_OF_FIELD = Object.fromEntries(Object.entries(CATALOG_CSV_COLUMNS).map(([column, field]) => [field, column])) as Record<ArticleField, CsvColumn>;

const MAX_CATALOG_IMPORT_ROWS = 10_000;
export const MAX_CATALOG_IMPORT_BYTES = 1_500_000;
const MAX_LISTED_CATALOG_ERRORS = 100;

export interface CatalogCsvRow {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  fields: Partial<Record<ArticleField, string>>;
}

function fileError(message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { details: { rowErrors: [] } });
}

/** Splits the file into rows after checking it as a whole: size, encoding, header, row count, repeated SKUs are per row. */
export function parseCatalogCsv(bytes: Uint8Array): { columns: CsvColumn[]; rows: CatalogCsvRow[] } {
  if (bytes.byteLength > MAX_CATALOG_IMPORT_BYTES)
    throw fileError('The file is larger than 1.5 MB. Split it into smaller files; each can be imported on its own.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fileError('The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.');
  }
  const headerLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter: headerLine.includes(';') ? ';' : ',', relax_column_count: true, trim: true });
  } catch (error) {
    if (error instanceof CsvError) throw fileError(`The file is not valid CSV near line ${error.lines}: ${error.message.split(':')[0]}.`);
    throw error;
  }
  const [header, ...body] = records;
  if (!header || header.every((h) => h === '')) throw fileError('The file is empty. The first row must be a header starting with sku.');
  const names = header.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !(n in CATALOG_CSV_COLUMNS));
  if (unknown.length > 0)
    throw fileError(
      `Unknown column${unknown.length > 1 ? 's' : ''} in the header: ${unknown.map((u) => u || '(empty)').join(', ')}. Allowed: ${Object.keys(CATALOG_CSV_COLUMNS).join(', ')}.`,
    );
  if (new Set(names).size !== names.length) throw fileError('A column appears twice in the header.');
  if (!names.includes('sku')) throw fileError('The header needs a sku column: it says which article each row is.');
  const columns = names as CsvColumn[];
  const rows: CatalogCsvRow[] = [];
  body.forEach((record, index) => {
    if (record.every((field) => field === '')) return;
    const fields: Partial<Record<ArticleField, string>> = {};
    columns.forEach((column, i) => {
      fields[CATALOG_CSV_COLUMNS[column]] = record[i] ?? '';
    });
    rows.push({ row: index + 2, fields });
  });
  if (rows.length === 0) throw fileError('The file holds a header but no articles.');
  if (rows.length > MAX_CATALOG_IMPORT_ROWS) {
    throw fileError(
      `The file has ${rows.length.toLocaleString('en-GB')} rows; at most ${MAX_CATALOG_IMPORT_ROWS.toLocaleString('en-GB')} go in one import. Split it; each part can be imported on its own.`,
    );
  }
  return { columns, rows };
}

export interface CatalogImportResult {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

type Planned =
  | { action: 'create'; values: ArticleValues }
  | { action: 'update'; id: number; values: ArticleValues; fitmentsChange: boolean }
  | { action: 'none' };

/**
 * Imports a catalog CSV all or nothing. Every row is checked first (values, brand, category, vehicle
 * makes, a SKU repeated in the file); if any fails, nothing is written and each failing row is named.
 * Importing the same file twice changes nothing the second time.
 */
export async function importCatalogCsv(admin: AdminActor, bytes: Uint8Array): Promise<CatalogImportResult> {
  const { rows } = parseCatalogCsv(bytes);
  const db = await platformDb();
  try {
    const result = await db.transaction(async (tx) => {
      await lockCatalog(tx);
      const taxonomy = await loadTaxonomy(tx);
      // Only well-formed SKUs are looked up (a malformed one is a row error anyway, and may hold NUL).
      const skus = [...new Set(rows.map((r) => (r.fields.sku ?? '').trim()).filter((sku) => SKU_PATTERN.test(sku)))];
      const stored = new Map((await storedArticles(tx, { skus })).map((a) => [a.sku, a]));
      const fitments = await fitmentsOf(
        tx,
        [...stored.values()].map((a) => a.id),
      );
      const firstRowOf = new Map<string, number>();
      const rowErrors: string[] = [];
      const plan: Planned[] = [];
      for (const { row, fields } of rows) {
        const sku = (fields.sku ?? '').trim();
        const existing = stored.get(sku);
        const input: ArticleInput = existing ? { ...articleToInput(existing, fitments.get(existing.id)?.slugs ?? []), ...fields } : { ...fields };
        // A new article without a vehicle_makes column fits nothing yet; a known one keeps its fitments.
        if (!existing && fields.vehicleMakes === undefined) input.vehicleMakes = '';
        const parsed = parseArticleInput(input, taxonomy);
        const errors = parsed.ok ? [] : Object.entries(parsed.fieldErrors).map(([field, message]) => `${COLUMN_OF_FIELD[field as ArticleField]}: ${message}`);
        const earlier = firstRowOf.get(sku);
        if (sku && earlier !== undefined) errors.unshift(`SKU ${sku} is also on row ${earlier}`);
        else if (sku) firstRowOf.set(sku, row);
        if (errors.length > 0 || !parsed.ok) {
          rowErrors.push(`Row ${row}: ${errors.join('; ')}.`);
          plan.push({ action: 'none' });
          continue;
        }
        const values = parsed.value;
        if (!existing) plan.push({ action: 'create', values });
        else {
          const before = fitments.get(existing.id)?.ids ?? [];
          const fitmentsChange = values.vehicleBrandIds !== null && before.join() !== values.vehicleBrandIds.join();
          plan.push(
            changedColumns(existing, values).length > 0 || fitmentsChange ? { action: 'update', id: existing.id, values, fitmentsChange } : { action: 'none' },
          );
        }
      }
      if (rowErrors.length > 0) {
        const noun = rowErrors.length === 1 ? 'row has a problem' : 'rows have problems';
        throw new AppError(
          'VALIDATION_FAILED',
          `Nothing was imported: ${rowErrors.length.toLocaleString('en-GB')} ${noun}. Fix them and upload the file again.`,
          {
            details: { rowErrors: rowErrors.slice(0, MAX_LISTED_CATALOG_ERRORS), rowErrorCount: rowErrors.length },
          },
        );
      }
      const creates = plan.flatMap((p) => (p.action === 'create' ? [p.values] : []));
      const slugs = await allocateSlugs(tx, creates);
      for (let i = 0; i < creates.length; i += 500) {
        const batch = creates.slice(i, i + 500);
        const inserted = await tx
          .insert(articles)
          .values(batch.map(({ vehicleBrandIds: _f, ...columns }, j) => ({ ...columns, slug: slugs[i + j]! })))
          .returning({ id: articles.id, sku: articles.sku });
        const idBySku = new Map(inserted.map((r) => [r.sku, r.id]));
        for (const values of batch) if (values.vehicleBrandIds?.length) await replaceFitments(tx, idBySku.get(values.sku)!, values.vehicleBrandIds);
      }
      let updated = 0;
      for (const p of plan) {
        if (p.action !== 'update') continue;
        const { vehicleBrandIds, sku: _sku, ...columns } = p.values;
        await tx.update(articles).set(columns).where(eq(articles.id, p.id));
        if (p.fitmentsChange && vehicleBrandIds) await replaceFitments(tx, p.id, vehicleBrandIds);
        updated += 1;
      }
      const outcome = { rows: rows.length, created: creates.length, updated, unchanged: rows.length - creates.length - updated };
      await writePlatformAudit(tx, admin, 'catalog.imported', null, outcome);
      return outcome;
    });
    if (result.created + result.updated > 0) await announceTenantChange(ALL_TENANTS);
    log.info({ adminId: admin.id, ...result, outcome: 'applied' }, 'catalog import');
    return result;
  } catch (error) {
    if (isAppError(error, 'VALIDATION_FAILED')) log.info({ adminId: admin.id, rows: rows.length, outcome: 'refused' }, 'catalog import');
    throw error;
  }
}
