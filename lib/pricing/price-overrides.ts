import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { lockTenant } from '@/db/advisory-locks';
import { platformDb } from '@/db/connection-registry';
import type { Executor, Transaction } from '@/db/client';
import { articles, tenantArticlePrices, type TenantArticlePrice } from '@/db/schema';
import { loadVisibilityRules, visibilityCondition } from '@/lib/catalog/visibility';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { parseEuroCents, parseShopDate } from './price-input';
import { canDeleteWindow, overlapMessage, windowsOverlap, type OverrideWindow } from './price-windows';
import { announceTenantChange } from '@/lib/cache/cache-invalidation';
import { getTenantById } from '@/lib/tenancy/tenant-directory';
import { DEFAULT_TIME_ZONE } from '@/lib/time/time-zone';

// Tenant prices are platform-plane rows (no row-level security): every query here names the host's
// tenant itself, so an article or override id of another shop is simply not found.

/**
 * Serialises price writes of one shop, so two owners adding overlapping windows at the same moment
 * cannot both pass the overlap check. Released with the transaction.
 */
export async function lockShopPrices(tx: Transaction, tenantId: string): Promise<void> {
  await lockTenant(tx, 'tenantPrices', tenantId);
}

export type PricedArticle = Pick<typeof articles.$inferSelect, 'id' | 'sku' | 'slug' | 'name' | 'basePriceCents' | 'currency'>;

/** The article, if this shop shows it; null otherwise (unknown and hidden look the same). */
export async function findShownArticle(db: Executor, tenantId: string, articleId: number): Promise<PricedArticle | null> {
  const rules = await loadVisibilityRules(db, tenantId);
  const [row] = await db
    .select({
      id: articles.id,
      sku: articles.sku,
      slug: articles.slug,
      name: articles.name,
      basePriceCents: articles.basePriceCents,
      currency: articles.currency,
    })
    .from(articles)
    .where(and(eq(articles.id, articleId), visibilityCondition(rules)));
  return row ?? null;
}

/** The shop's overrides of one article, oldest first. */
export function listOverrides(db: Executor, tenantId: string, articleId: number): Promise<TenantArticlePrice[]> {
  return db
    .select()
    .from(tenantArticlePrices)
    .where(and(eq(tenantArticlePrices.tenantId, tenantId), eq(tenantArticlePrices.articleId, articleId)))
    .orderBy(asc(tenantArticlePrices.validFrom));
}

/** The first existing window a new one would overlap, if any. */
function findOverlap<T extends OverrideWindow>(existing: readonly T[], window: OverrideWindow): T | undefined {
  return existing.find((other) => windowsOverlap(other, window));
}

const notFound = () => new AppError('NOT_FOUND', 'This article is not in your shop’s assortment.');

export const addPriceOverrideSchema = z.object({
  articleId: z.coerce.number().int().positive().max(2_147_483_647),
  price: z.string().default(''),
  validFrom: z.string().default(''),
  validUntil: z.string().default(''),
});
export type AddPriceOverrideInput = z.input<typeof addPriceOverrideSchema>;

function failed(fieldErrors: Record<string, string>, message = 'Please check the price and dates.'): AppError {
  return new AppError('VALIDATION_FAILED', message, { details: { fieldErrors } });
}

/** Price and window from the form; every field's problem at once. */
function parseOverrideFields(input: z.output<typeof addPriceOverrideSchema>, timeZone: string) {
  const fieldErrors: Record<string, string> = {};
  const price = parseEuroCents(input.price);
  if (!price.ok) fieldErrors.price = price.error;
  const from = input.validFrom.trim()
    ? parseShopDate(input.validFrom, 'Valid from', timeZone)
    : ({ ok: false, error: 'Enter the first day of the price.' } as const);
  if (!from.ok) fieldErrors.validFrom = from.error;
  const until = input.validUntil.trim() ? parseShopDate(input.validUntil, 'Valid until', timeZone) : ({ ok: true, value: null } as const);
  if (!until.ok) fieldErrors.validUntil = until.error;
  if (from.ok && until.ok && until.value && until.value <= from.value) fieldErrors.validUntil = 'Valid until must be after valid from.';
  if (!price.ok || !from.ok || !until.ok || fieldErrors.validUntil) throw failed(fieldErrors);
  return { priceCents: price.value, validFrom: from.value, validUntil: until.value };
}

/** Adds an override for an article this shop shows; refused when its window overlaps another one. */
export async function addPriceOverride(tenantId: string, raw: AddPriceOverrideInput, actor: string): Promise<TenantArticlePrice> {
  const parsed = addPriceOverrideSchema.safeParse(raw);
  if (!parsed.success) throw notFound();
  // The form's days are the shop's, in its own time zone.
  const timeZone = (await getTenantById(tenantId))?.timeZone ?? DEFAULT_TIME_ZONE;
  const fields = parseOverrideFields(parsed.data, timeZone);
  const db = await platformDb();
  const row = await db.transaction(async (tx) => {
    await lockShopPrices(tx, tenantId);
    const article = await findShownArticle(tx, tenantId, parsed.data.articleId);
    if (!article) throw notFound();
    const clash = findOverlap(await listOverrides(tx, tenantId, article.id), fields);
    if (clash) {
      const message = overlapMessage(article.sku, { ...clash, currency: article.currency }, timeZone);
      throw failed({ validFrom: message }, message);
    }
    const [inserted] = await tx
      .insert(tenantArticlePrices)
      .values({ tenantId, articleId: article.id, ...fields })
      .returning();
    return inserted!;
  });
  await announceTenantChange(tenantId);
  log.info({ tenantId, articleId: row.articleId, overrideId: row.id, staff: actor }, 'price override added');
  return row;
}

/** Withdraws a current or future override of this shop; a past one stays as the record of what was charged. */
export async function deletePriceOverride(tenantId: string, overrideId: unknown, actor: string, now = new Date()): Promise<void> {
  const id = z.coerce.number().int().positive().max(2_147_483_647).safeParse(overrideId);
  if (!id.success) throw new AppError('NOT_FOUND', 'This price override does not exist in your shop.');
  const db = await platformDb();
  await db.transaction(async (tx) => {
    await lockShopPrices(tx, tenantId);
    const [row] = await tx
      .select()
      .from(tenantArticlePrices)
      .where(and(eq(tenantArticlePrices.id, id.data), eq(tenantArticlePrices.tenantId, tenantId)));
    if (!row) throw new AppError('NOT_FOUND', 'This price override does not exist in your shop.');
    if (!canDeleteWindow(row, now)) throw new AppError('CONFLICT', 'This override has already ended; past prices stay on record.');
    await tx.delete(tenantArticlePrices).where(and(eq(tenantArticlePrices.id, row.id), eq(tenantArticlePrices.tenantId, tenantId)));
  });
  await announceTenantChange(tenantId);
  log.info({ tenantId, overrideId: id.data, staff: actor }, 'price override deleted');
}
