import { formatMoney } from '@/lib/pricing/resolve-price';
import { formatDateTime } from '@/lib/time/format-date-time';
import { DEFAULT_TIME_ZONE } from '@/lib/time/time-zone';

/** A price override's validity, [validFrom, validUntil); a null end is open-ended. */
export interface OverrideWindow {
  validFrom: Date;
  validUntil: Date | null;
}

/** Two windows share at least one instant. An open-ended window overlaps everything that ends after its start. */
export function windowsOverlap(a: OverrideWindow, b: OverrideWindow): boolean {
  const aEnd = a.validUntil?.getTime() ?? Infinity;
  const bEnd = b.validUntil?.getTime() ?? Infinity;
  return a.validFrom.getTime() < bEnd && b.validFrom.getTime() < aEnd;
}

/**
 * What the owner reads beside an override. `superseded`: the window covers today, but an override that
 * started later wins (older data can hold such overlaps; new overrides cannot create them).
 */
export type WindowStatus = 'past' | 'current' | 'superseded' | 'future';

export function windowStatuses<T extends OverrideWindow>(windows: readonly T[], now: Date): Array<T & { status: WindowStatus }> {
  const covering = windows.filter((w) => w.validFrom <= now && (w.validUntil === null || now < w.validUntil));
  const winner = covering.reduce<T | undefined>((best, w) => (!best || w.validFrom > best.validFrom ? w : best), undefined);
  return windows.map((w) => {
    let status: WindowStatus;
    if (w.validFrom > now) status = 'future';
    else if (w.validUntil !== null && w.validUntil <= now) status = 'past';
    else status = w === winner ? 'current' : 'superseded';
    return { ...w, status };
  });
}

/** Past overrides are the record of what was charged; only current and future ones can be withdrawn. */
export function canDeleteWindow(window: OverrideWindow, now: Date): boolean {
  return window.validUntil === null || window.validUntil > now;
}

/** "1 Jun 2026, 00:00 CEST – 1 Jul 2026, 00:00 CEST" or "… – open-ended", in the shop's time zone. */
export function describeWindow(window: OverrideWindow, timeZone: string = DEFAULT_TIME_ZONE): string {
  const end = window.validUntil ? formatDateTime(window.validUntil, timeZone) : 'open-ended';
  return `${formatDateTime(window.validFrom, timeZone)} – ${end}`;
}

/** The sentence a refused override gets: which article, which existing window, at what price. */
export function overlapMessage(
  sku: string,
  existing: OverrideWindow & { priceCents: number; currency?: string },
  timeZone: string = DEFAULT_TIME_ZONE,
): string {
  const price = formatMoney(existing.priceCents, existing.currency ?? 'EUR');
  return `${sku} already has a price of ${price} for ${describeWindow(existing, timeZone)}, which overlaps this window. Delete that override or choose dates outside it.`;
}
