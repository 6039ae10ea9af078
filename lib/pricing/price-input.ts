import { isoDayIn } from '@/lib/time/format-date-time';
import { shopMidnight } from '@/lib/time/shop-midnight';
import { DEFAULT_TIME_ZONE } from '@/lib/time/time-zone';

// How the shop owner writes prices and dates, in the form and in a CSV file, and back again.

/** €100,000 excl. VAT: anything above is almost surely a typo (a missing decimal separator). */
export const MAX_PRICE_CENTS = 10_000_000;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * A net price in euros as people type it: "89.50", "89,50", "€ 89", "89.5". Thousands separators are
 * refused rather than guessed, since "1.250" means 1250 in one country and 1.25 in another.
 */
export function parseEuroCents(raw: string): Parsed<number> {
  const text = raw
    .trim()
    .replace(/^€\s*/, '')
    .replace(/\s*(€|EUR)$/i, '');
  if (text === '') return { ok: false, error: 'Enter a price.' };
  const match = /^(\d{1,6})(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match) return { ok: false, error: `“${raw.trim()}” is not a price: write euros such as 89.50 or 89,50, without thousands separators.` };
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (cents <= 0) return { ok: false, error: 'The price must be more than €0.' };
  if (cents > MAX_PRICE_CENTS) return { ok: false, error: 'The price can be at most €100,000.' };
  return { ok: true, value: cents };
}

/** "89.50": decimal euros with a dot, as the CSV export writes them. */
export function centsToDecimal(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

export { shopMidnight };

/** YYYY-MM-DD of an instant, in the shop's time zone. */
export function shopDay(at: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return isoDayIn(at, timeZone);
}

function isShopMidnight(at: Date, timeZone: string): boolean {
  const [y, m, d] = shopDay(at, timeZone).split('-').map(Number) as [number, number, number];
  return shopMidnight(y, m, d, timeZone).getTime() === at.getTime();
}

/**
 * The CSV's date: a plain ISO date when the bound is a shop midnight (what the form creates), else the
 * full ISO timestamp, so that an export imports back to exactly the same windows.
 */
export function formatCsvDate(at: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return isShopMidnight(at, timeZone) ? shopDay(at, timeZone) : at.toISOString();
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function isCalendarDay(y: number, m: number, d: number): boolean {
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/** A date (00:00 in the shop's time zone) or an ISO timestamp with its offset; years 2000–2199. */
export function parseShopDate(raw: string, label: string, timeZone: string = DEFAULT_TIME_ZONE): Parsed<Date> {
  const text = raw.trim();
  const day = ISO_DAY.exec(text);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    if (!isCalendarDay(y, m, d) || y < 2000 || y > 2199) {
      return { ok: false, error: `${label} “${text}” is not a date in the calendar.` };
    }
    return { ok: true, value: shopMidnight(y, m, d, timeZone) };
  }
  const timestamp = ISO_TIMESTAMP.exec(text);
  // Date.parse rolls 2026-02-30 over to 2 March instead of refusing it.
  if (timestamp && isCalendarDay(Number(timestamp[1]), Number(timestamp[2]), Number(timestamp[3]))) {
    const at = new Date(text);
    const year = at.getUTCFullYear();
    if (!Number.isNaN(at.getTime()) && year >= 2000 && year <= 2199) return { ok: true, value: at };
  }
  return { ok: false, error: `${label} “${text}” is not a date: write it as YYYY-MM-DD, e.g. 2026-03-01.` };
}
