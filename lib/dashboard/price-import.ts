import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { articles, tenantArticlePrices } from '@/db/schema';
import { loadVisibilityRules, visibilityCondition } from '@/lib/catalog/visibility';
import { AppError, isAppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { parsePriceCsv, type PriceCsvRow } from './price-csv';
import { parseEuroCents, parseShopDate } from './price-input';
import { lockShopPrices, priceDb } from './price-overrides';
import { describeWindow, overlapMessage, windowsOverlap, type OverrideWindow } from './price-windows';
import { announceTenantChange } from '@/lib/cache/cache-invalidation';

/** At most this many row errors are listed; a file that is wrong throughout needs fixing, not reading. */
export const MAX_LISTED_ROW_ERRORS = 100;
const INSERT_BATCH = 1_000;

type Candidate = OverrideWindow & { row: number; sku: string; articleId: number; priceCents: number };
type Existing = OverrideWindow & { priceCents: number };

/** The row's own values; the article and overlaps are checked once every row is read. */
function parseRow(row: PriceCsvRow): { ok: true; value: Omit<Candidate, 'articleId'> } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  if (row.sku === '') errors.push('the SKU is empty');
  const price = parseEuroCents(row.price);
  if (!price.ok) errors.push(row.price.trim() === '' ? 'the price is empty' : price.error.replace(/\.$/, ''));
  const from = row.validFrom === '' ? null : parseShopDate(row.validFrom, 'valid_from');
  if (!from) errors.push('valid_from is empty');
  else if (!from.ok) errors.push(from.error.replace(/\.$/, ''));
  const until = row.validUntil === '' ? ({ ok: true, value: null } as const) : parseShopDate(row.validUntil, 'valid_until');
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

async function existingWindows(db: Executor, tenantId: string, articleIds: number[]): Promise<Map<number, Existing[]>> {
  const byArticle = new Map<number, Existing[]>();
  if (articleIds.length === 0) return byArticle;
  const rows = await db
    .select({ articleId: tenantArticlePrices.articleId, priceCents: tenantArticlePrices.priceCents, validFrom: tenantArticlePrices.validFrom, validUntil: tenantArticlePrices.validUntil })
    .from(tenantArticlePrices)
    .where(and(eq(tenantArticlePrices.tenantId, tenantId), inArray(tenantArticlePrices.articleId, articleIds)));
  for (const { articleId, ...window } of rows) byArticle.set(articleId, [...(byArticle.get(articleId) ?? []), window]);
  return byArticle;
}

/** Every row checked: its values, its SKU, and its window against the shop's overrides and the file's earlier rows. */
async function validateRows(db: Executor, tenantId: string, rows: PriceCsvRow[]): Promise<{ candidates: Candidate[]; rowErrors: string[] }> {
  const rowErrors: string[] = [];
  const parsed = rows.map((row) => ({ row, result: parseRow(row) }));
  const ids = await shownArticleIds(db, tenantId, [...new Set(rows.map((r) => r.sku).filter(Boolean))]);
  const existing = await existingWindows(db, tenantId, [...new Set(ids.values())]);
  const fromFile = new Map<number, Candidate[]>();
  const candidates: Candidate[] = [];
  for (const { row, result } of parsed) {
    const errors = result.ok ? [] : [...result.errors];
    const articleId = row.sku ? ids.get(row.sku) : undefined;
    if (row.sku && articleId === undefined) errors.unshift(`no article with SKU “${row.sku}” in your shop’s assortment`);
    if (result.ok && articleId !== undefined) {
      const candidate = { ...result.value, articleId };
      const clash = (existing.get(articleId) ?? []).find((w) => windowsOverlap(w, candidate));
      const sibling = (fromFile.get(articleId) ?? []).find((w) => windowsOverlap(w, candidate));
      if (clash) errors.push(overlapMessage(row.sku, clash).replace(/\. Delete that.*$/, ''));
      else if (sibling) errors.push(`${row.sku}: this window overlaps row ${sibling.row} of the file (${describeWindow(sibling)})`);
      fromFile.set(articleId, [...(fromFile.get(articleId) ?? []), candidate]);
      if (!clash && !sibling) candidates.push(candidate);
    }
    if (errors.length > 0) rowErrors.push(`Row ${row.row}: ${errors.join('; ')}.`);
  }
  return { candidates, rowErrors };
}

export interface PriceImportResult {
  inserted: number;
}

/**
 * Imports a CSV of overrides all or nothing: every row is validated first, and if any fails, nothing is
 * written and the error lists each failing row. Otherwise all rows go in one transaction.
 */
export async function importPriceCsv(tenantId: string, bytes: Uint8Array, actor: string): Promise<PriceImportResult> {
  let rows: PriceCsvRow[] = [];
  try {
    rows = parsePriceCsv(bytes);
    const db = await priceDb();
    const inserted = await db.transaction(async (tx) => {
      await lockShopPrices(tx, tenantId);
      const { candidates, rowErrors } = await validateRows(tx, tenantId, rows);
      if (rowErrors.length > 0) {
        const noun = rowErrors.length === 1 ? 'row has a problem' : 'rows have problems';
        throw new AppError('VALIDATION_FAILED', `Nothing was imported: ${rowErrors.length} ${noun}. Fix them and upload the file again.`, {
          details: { rowErrors: rowErrors.slice(0, MAX_LISTED_ROW_ERRORS), rowErrorCount: rowErrors.length },
        });
      }
      for (let i = 0; i < candidates.length; i += INSERT_BATCH) {
        const batch = candidates.slice(i, i + INSERT_BATCH);
        await tx.insert(tenantArticlePrices).values(batch.map(({ articleId, priceCents, validFrom, validUntil }) => ({ tenantId, articleId, priceCents, validFrom, validUntil })));
      }
      return candidates.length;
    });
    await announceTenantChange(tenantId);
    log.info({ tenantId, rows: rows.length, inserted, staff: actor, outcome: 'applied' }, 'price import');
    return { inserted };
  } catch (error) {
    if (isAppError(error, 'VALIDATION_FAILED')) log.info({ tenantId, rows: rows.length, inserted: 0, staff: actor, outcome: 'refused' }, 'price import');
    throw error;
  }
}
