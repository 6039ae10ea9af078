import 'server-only';
import { and, asc, count, eq, max, min, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { platformDb } from '@/db/connection-registry';
import type { Executor } from '@/db/client';
import { articles, brands, categories } from '@/db/schema';
import type { AdminActor } from '@/lib/auth/authorize-admin';
import { ALL_TENANTS, announceTenantChange } from '@/lib/cache/cache-invalidation';
import { MAX_PRICE_CENTS } from '@/lib/pricing/price-input';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { lockCatalog } from '@/lib/catalog/catalog-articles';
import { writePlatformAudit } from '@/lib/audit/platform-audit';

// Bulk changes to the wholesale base price: by a percentage or an amount, for the whole catalog or one
// brand and/or category. Shops' own price overrides are untouched; everything priced from the base moves.

const fieldError = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, { details: { fieldErrors: { [field]: message } } });

const optionalId = z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : v), z.coerce.number().int().positive().optional());

const changeSchema = z.object({
  brand: optionalId,
  category: optionalId,
  mode: z.enum(['percent', 'amount'], { error: 'Choose a percentage or an amount.' }),
  change: z.string().trim().max(20),
});

export interface BulkPriceChange {
  brandId?: number;
  categoryId?: number;
  mode: 'percent' | 'amount';
  /** Percent: hundredths of a percent (+350 = +3.5 %). Amount: cents. */
  value: number;
  /** As the operator wrote it, for messages and the audit log: `+3.5 %`, `−€2.00`. */
  label: string;
}

/** Reads the form; the change is signed (`+3.5`, `-10`, `2,50`) and never zero. */
export function parseBulkPriceChange(raw: Record<string, unknown>): BulkPriceChange {
  const parsed = changeSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw fieldError(String(issue.path[0] ?? 'change'), issue.path[0] === 'mode' ? issue.message : 'Please check the form.');
  }
  const { mode, change, brand, category } = parsed.data;
  const match = /^([+\-−])?(\d{1,5})(?:[.,](\d{1,2}))?%?$/.exec(change.replace(/[€\s]/g, ''));
  if (!match) throw fieldError('change', `“${change}” is not a change: write a signed number such as +3.5 or -10.`);
  const sign = match[1] === '-' || match[1] === '−' ? -1 : 1;
  const hundredths = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  if (hundredths === 0) throw fieldError('change', 'A change of zero changes nothing.');
  const value = sign * hundredths;
  if (mode === 'percent' && (value < -9_000 || value > 50_000)) throw fieldError('change', 'A percentage change lies between −90 % and +500 %.');
  if (mode === 'amount' && Math.abs(value) > 1_000_000) throw fieldError('change', 'An amount change is at most €10,000 either way.');
  const magnitude = `${Math.trunc(hundredths / 100)}${
    hundredths % 100
      ? `.${String(hundredths % 100)
          .padStart(2, '0')
          .replace(/0$/, '')}`
      : ''
  }`;
  const label = mode === 'percent' ? `${sign < 0 ? '−' : '+'}${magnitude} %` : `${sign < 0 ? '−' : '+'}€${(hundredths / 100).toFixed(2)}`;
  return { brandId: brand, categoryId: category, mode, value, label };
}

const scopeOf = (change: Pick<BulkPriceChange, 'brandId' | 'categoryId'>): SQL | undefined => {
  const conditions = [
    change.brandId ? eq(articles.brandId, change.brandId) : undefined,
    change.categoryId ? eq(articles.categoryId, change.categoryId) : undefined,
  ].filter(Boolean) as SQL[];
  return conditions.length ? and(...conditions) : undefined;
};

/** The new price in SQL: rounded to the cent, half away from zero. */
const newPriceSql = (change: BulkPriceChange): SQL<number> =>
  change.mode === 'percent'
    ? sql<number>`round(${articles.basePriceCents}::numeric * (10000 + ${change.value}) / 10000)::int`
    : sql<number>`(${articles.basePriceCents} + ${change.value})::int`;

/** The same rule in JavaScript, for previews and tests. */
export function applyChange(cents: number, change: Pick<BulkPriceChange, 'mode' | 'value'>): number {
  if (change.mode === 'amount') return cents + change.value;
  const exact = (cents * (10_000 + change.value)) / 10_000;
  return Math.sign(exact) * Math.round(Math.abs(exact));
}

export interface BulkPricePreview {
  articles: number;
  /** Articles whose new price would be below one cent or above the maximum: the change is refused while any exist. */
  outOfRange: number;
  lowestBefore: number | null;
  highestBefore: number | null;
  samples: { sku: string; name: string; before: number; after: number }[];
}

/** The selection's size and range, and (for the page, not for applying) the first articles before and after. */
async function previewOn(db: Executor, change: BulkPriceChange, withSamples: boolean): Promise<BulkPricePreview> {
  const where = scopeOf(change);
  const after = newPriceSql(change);
  const [[summary], [bad], samples] = await Promise.all([
    db
      .select({ n: count(), lowest: min(articles.basePriceCents), highest: max(articles.basePriceCents) })
      .from(articles)
      .where(where),
    db
      .select({ n: count() })
      .from(articles)
      .where(and(where, sql`${after} < 1 or ${after} > ${MAX_PRICE_CENTS}`)),
    withSamples
      ? db
          .select({ sku: articles.sku, name: articles.name, before: articles.basePriceCents, after })
          .from(articles)
          .where(where)
          .orderBy(asc(articles.name), asc(articles.id))
          .limit(5)
      : [],
  ]);
  return {
    articles: summary?.n ?? 0,
    outOfRange: bad?.n ?? 0,
    lowestBefore: summary?.lowest ?? null,
    highestBefore: summary?.highest ?? null,
    samples: samples.map((s) => ({ ...s, after: Number(s.after) })),
  };
}

export async function previewBulkPriceChange(change: BulkPriceChange): Promise<BulkPricePreview> {
  return previewOn(await platformDb(), change, true);
}

/** The names of the chosen brand and category, for the confirmation and the audit log. */
export async function describeScope(change: Pick<BulkPriceChange, 'brandId' | 'categoryId'>): Promise<string> {
  const db = await platformDb();
  const [brand] = change.brandId ? await db.select({ name: brands.name }).from(brands).where(eq(brands.id, change.brandId)) : [];
  const [category] = change.categoryId ? await db.select({ name: categories.name }).from(categories).where(eq(categories.id, change.categoryId)) : [];
  if (change.brandId && !brand) throw fieldError('brand', 'That brand no longer exists. Please reload the page.');
  if (change.categoryId && !category) throw fieldError('category', 'That category no longer exists. Please reload the page.');
  const parts = [brand?.name, category?.name].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'the whole catalog';
}

/**
 * Applies the change in one statement, after checking under the catalog lock that the selection is the
 * one the operator confirmed (`expectedCount`) and that no price would leave the allowed range.
 */
export async function applyBulkPriceChange(admin: AdminActor, change: BulkPriceChange, expectedCount: number): Promise<{ updated: number }> {
  const scope = await describeScope(change);
  const db = await platformDb();
  const updated = await db.transaction(async (tx) => {
    await lockCatalog(tx);
    const preview = await previewOn(tx, change, false);
    if (preview.articles === 0) throw new AppError('VALIDATION_FAILED', 'No article matches this selection.');
    if (preview.articles !== expectedCount) {
      throw new AppError(
        'CONFLICT',
        `The selection now holds ${preview.articles.toLocaleString('en-GB')} articles, not ${expectedCount.toLocaleString('en-GB')}. Review the preview again.`,
      );
    }
    if (preview.outOfRange > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        `Nothing was changed: ${preview.outOfRange.toLocaleString('en-GB')} article${preview.outOfRange === 1 ? '' : 's'} would cost less than €0.01 or more than €100,000.`,
      );
    }
    const rows = await tx
      .update(articles)
      .set({ basePriceCents: newPriceSql(change) })
      .where(scopeOf(change))
      .returning({ id: articles.id });
    await writePlatformAudit(tx, admin, 'catalog.base_prices_changed', null, {
      scope,
      brandId: change.brandId ?? null,
      categoryId: change.categoryId ?? null,
      change: change.label,
      articles: rows.length,
    });
    return rows.length;
  });
  await announceTenantChange(ALL_TENANTS);
  log.info({ adminId: admin.id, articles: updated, change: change.label }, 'bulk base price change');
  return { updated };
}
