import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { roundHalfUp } from './round';

export interface PriceWindow {
  priceCents: number;
  validFrom: Date;
  /** Exclusive; null is open-ended. */
  validUntil: Date | null;
}

export function isWindowCurrent(window: PriceWindow, now: Date): boolean {
  return window.validFrom <= now && (window.validUntil === null || now < window.validUntil);
}

/**
 * The tenant's net price for an article: the override valid now with the latest start, else the base
 * price. Cents, excl. VAT. The SQL twin is `currentNetPriceSql`; tests hold the two to the same answers.
 */
export function resolveNetPrice(basePriceCents: number, overrides: readonly PriceWindow[], now: Date = new Date()): number {
  let best: PriceWindow | undefined;
  for (const window of overrides) {
    if (!isWindowCurrent(window, now)) continue;
    if (!best || window.validFrom > best.validFrom) best = window;
  }
  return best ? best.priceCents : basePriceCents;
}

/** Correlated subquery resolving the current net price of `articleId` for one tenant, in SQL. */
export function currentNetPriceSql(tenantId: string, articleId: AnyPgColumn, basePrice: AnyPgColumn): SQL<number> {
  return sql<number>`coalesce((
    select p.price_cents from tenant_article_prices p
    where p.tenant_id = ${tenantId} and p.article_id = ${articleId}
      and p.valid_from <= now() and (p.valid_until is null or p.valid_until > now())
    order by p.valid_from desc limit 1
  ), ${basePrice})`.mapWith(Number);
}

export interface PriceDisplayContext {
  salesMode: 'b2b' | 'b2c';
  vatRateBp: number;
  currency: string;
}

export interface DisplayPrice {
  amountCents: number;
  currency: string;
  includesVat: boolean;
}

/** B2B shops show prices excl. VAT, B2C shops incl. VAT. Integer cents, rounded half up. */
export function toDisplayPrice(netCents: number, ctx: PriceDisplayContext): DisplayPrice {
  if (ctx.salesMode === 'b2b') return { amountCents: netCents, currency: ctx.currency, includesVat: false };
  const gross = roundHalfUp(netCents * (10_000 + ctx.vatRateBp), 10_000);
  return { amountCents: gross, currency: ctx.currency, includesVat: true };
}

// Building a NumberFormat costs far more than using one, and a catalog page formats dozens of prices.
const formats = new Map<string, Intl.NumberFormat>();

export function formatMoney(amountCents: number, currency: string, locale = 'en-IE'): string {
  const key = `${locale}|${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    if (formats.size < 100) formats.set(key, format);
  }
  return format.format(amountCents / 100);
}
