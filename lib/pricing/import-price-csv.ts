import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { platformDb } from '@/db/connection-registry';
import { articles, tenantArticlePrices } from '@/db/schema';
import { loadVisibilityRules, visibilityCondition } from '@/lib/catalog/visibility';
import { AppError, isAppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { parsePriceCsv, type PriceCsvRow } from './price-csv';
import { parseEuroCents, parseShopDate } from './price-input';
import { lockShopPrices } from './price-overrides';
import { planPriceImport, type ExistingOverride, type ImportCandidate, type PriceImportMode, type PriceImportPlan } from './price-import-plan';
import { announceTenantChange } from '@/lib/cache/cache-invalidation';
import { getTenantById } from '@/lib/tenancy/tenant-directory';
import { DEFAULT_TIME_ZONE } from '@/lib/time/time-zone';

export type { PriceImportMode } from './price-import-plan';

/** At most this many row errors are listed; a file that is wrong throughout needs fixing, not reading. */
const MAX_LISTED_ROW_ERRORS = 100;
const INSERT_BATCH = 1_000;

/** The row's own values; the article and overlaps are checked once every row is read. */
function parseRow(row: PriceCsvRow, timeZone: string): { ok: true; value: Omit<ImportCandidate, 'articleId'> } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  if (row.sku === '') errors.push('the SKU is empty');
  const price = parseEuroCents(row.price);
  if (!price.ok) errors.push(row.price.trim() === '' ? 'the price is empty' : price.error.replace(/\.$/, ''));
  const from = row.validFrom === '' ? null : parseShopDate(row.validFrom, 'valid_from', timeZone);
  if (!from) errors.push('valid_from is empty');
  else if (!from.ok) errors.push(from.error.replace(/\.$/, ''));
  const until = row.validUntil === '' ? ({ ok: true, value: null } as const) : parseShopDate(row.validUntil, 'valid_until', timeZone);
  if (!until.ok) errors.push(until.error.replace(/\.$/, ''));
  if (from?.ok && until.ok && until.value && until.value <= from.value) errors.push('valid_until must be after valid_from');
  if (errors.length > 0 || !price.ok || !from?.ok || !until.ok) return { ok: false, errors };
  return { ok: true, value: { row: row.row, sku: row.sku, priceCents: price.value, validFrom: from.value, validUntil: until.value } };
}

/** SKU → article id, among the articles this shop shows. */
async function shownArticleIds(db: Executor, tenantId: string, skus: string[]): Promise<Map<string, number>> {
  if (skus.length === 0) return new Map();
  const rules = await loadVisibilityRules(db, tenantId);
  const rows = await db
    .select({ id: articles.id, sku: articles.sku })
    .from(articles)
    .where(and(inArray(articles.sku, skus), visibilityCondition(rules)));
  return new Map(rows.map((r) => [r.sku, r.id]));
}

async function existingOverrides(db: Executor, tenantId: string, articleIds: number[]): Promise<ExistingOverride[]> {
  if (articleIds.length === 0) return [];
  return db
    .select({
      id: tenantArticlePrices.id,
      articleId: tenantArticlePrices.articleId,
      priceCents: tenantArticlePrices.priceCents,
      validFrom: tenantArticlePrices.validFrom,
      validUntil: tenantArticlePrices.validUntil,
    })
    .from(tenantArticlePrices)
    .where(and(eq(tenantArticlePrices.tenantId, tenantId), inArray(tenantArticlePrices.articleId, articleIds)));
}

/** Every row read and its SKU looked up; the rows that can take part in the plan, and the errors of the rest. */
async function readRows(
  db: Executor,
  tenantId: string,
  rows: PriceCsvRow[],
  timeZone: string,
): Promise<{ candidates: ImportCandidate[]; rowErrors: Map<number, string[]> }> {
  const ids = await shownArticleIds(db, tenantId, [...new Set(rows.map((r) => r.sku).filter(Boolean))]);
  const candidates: ImportCandidate[] = [];
  const rowErrors = new Map<number, string[]>();
  for (const row of rows) {
    const result = parseRow(row, timeZone);
    const errors = result.ok ? [] : [...result.errors];
    const articleId = row.sku ? ids.get(row.sku) : undefined;
    if (row.sku && articleId === undefined) errors.unshift(`no article with SKU “${row.sku}” in your shop’s assortment`);
    if (errors.length > 0) rowErrors.set(row.row, errors);
    else if (result.ok && articleId !== undefined) candidates.push({ ...result.value, articleId });
  }
  return { candidates, rowErrors };
}

export interface PriceImportResult {
  added: number;
  changed: number;
  unchanged: number;
  withdrawn: number;
}

async function applyPlan(tx: Executor, tenantId: string, plan: PriceImportPlan): Promise<void> {
  const withdrawn = plan.withdraw.map((w) => w.id);
  if (withdrawn.length > 0)
    await tx.delete(tenantArticlePrices).where(and(eq(tenantArticlePrices.tenantId, tenantId), inArray(tenantArticlePrices.id, withdrawn)));
  for (const { id, priceCents, validUntil } of plan.change) {
    await tx
      .update(tenantArticlePrices)
      .set({ priceCents, validUntil })
      .where(and(eq(tenantArticlePrices.id, id), eq(tenantArticlePrices.tenantId, tenantId)));
  }
  for (let i = 0; i < plan.add.length; i += INSERT_BATCH) {
    const batch = plan.add.slice(i, i + INSERT_BATCH);
    await tx
      .insert(tenantArticlePrices)
      .values(batch.map(({ articleId, priceCents, validFrom, validUntil }) => ({ tenantId, articleId, priceCents, validFrom, validUntil })));
  }
}

/**
 * Imports a CSV of overrides all or nothing: every row is validated first, and if any fails, nothing is
 * written and the error lists each failing row. A row that matches an override (same article and first
 * day) updates it, or leaves it as it is when nothing changed, so an export imports back cleanly. In
 * `replace` mode the file is the new price list of the articles it names: their current and future
 * overrides the file leaves out are withdrawn (past ones stay on record); other articles are untouched.
 */
export async function importPriceCsv(
  tenantId: string,
  bytes: Uint8Array,
  actor: string,
  { mode = 'add', now = new Date() }: { mode?: PriceImportMode; now?: Date } = {},
): Promise<PriceImportResult> {
  let rows: PriceCsvRow[] = [];
  try {
    rows = parsePriceCsv(bytes);
    // Dates in the file are days in the shop's own time zone, as the export writes them.
    const timeZone = (await getTenantById(tenantId))?.timeZone ?? DEFAULT_TIME_ZONE;
    const db = await platformDb();
    const plan = await db.transaction(async (tx) => {
      await lockShopPrices(tx, tenantId);
      const { candidates, rowErrors } = await readRows(tx, tenantId, rows, timeZone);
      const existing = await existingOverrides(tx, tenantId, [...new Set(candidates.map((c) => c.articleId))]);
      const planned = planPriceImport(candidates, existing, mode, now, timeZone);
      for (const [row, errors] of planned.rowErrors) rowErrors.set(row, [...(rowErrors.get(row) ?? []), ...errors]);
      if (rowErrors.size > 0) {
        const listed = [...rowErrors].sort(([a], [b]) => a - b).map(([row, errors]) => `Row ${row}: ${errors.join('; ')}.`);
        const noun = listed.length === 1 ? 'row has a problem' : 'rows have problems';
        throw new AppError('VALIDATION_FAILED', `Nothing was imported: ${listed.length} ${noun}. Fix them and upload the file again.`, {
          details: { rowErrors: listed.slice(0, MAX_LISTED_ROW_ERRORS), rowErrorCount: listed.length },
        });
      }
      await applyPlan(tx, tenantId, planned);
      return planned;
    });
    const result = { added: plan.add.length, changed: plan.change.length, unchanged: plan.unchanged, withdrawn: plan.withdraw.length };
    if (result.added + result.changed + result.withdrawn > 0) await announceTenantChange(tenantId);
    log.info({ tenantId, rows: rows.length, mode, ...result, staff: actor, outcome: 'applied' }, 'price import');
    return result;
  } catch (error) {
    if (isAppError(error, 'VALIDATION_FAILED')) log.info({ tenantId, rows: rows.length, mode, staff: actor, outcome: 'refused' }, 'price import');
    throw error;
  }
}
