import { describe, expect, it } from 'vitest';
import { formatMoney, resolveNetPrice, toDisplayPrice, type PriceWindow } from './resolve-price';

const now = new Date('2026-06-15T12:00:00Z');
const day = 86_400_000;
const at = (offsetDays: number) => new Date(now.getTime() + offsetDays * day);

describe('resolveNetPrice', () => {
  it('falls back to the base price without overrides', () => {
    expect(resolveNetPrice(10_000, [], now)).toBe(10_000);
  });

  it('uses an override whose window contains now', () => {
    expect(resolveNetPrice(10_000, [{ priceCents: 9_000, validFrom: at(-1), validUntil: at(1) }], now)).toBe(9_000);
  });

  it('ignores expired and future overrides', () => {
    const windows: PriceWindow[] = [
      { priceCents: 7_000, validFrom: at(-10), validUntil: at(-1) },
      { priceCents: 8_000, validFrom: at(7), validUntil: null },
    ];
    expect(resolveNetPrice(10_000, windows, now)).toBe(10_000);
  });

  it('treats valid_until as exclusive and valid_from as inclusive', () => {
    expect(resolveNetPrice(10_000, [{ priceCents: 1, validFrom: at(-1), validUntil: now }], now)).toBe(10_000);
    expect(resolveNetPrice(10_000, [{ priceCents: 2, validFrom: now, validUntil: null }], now)).toBe(2);
  });

  it('prefers the latest-starting current override when windows overlap', () => {
    const windows: PriceWindow[] = [
      { priceCents: 9_500, validFrom: at(-30), validUntil: null },
      { priceCents: 8_800, validFrom: at(-2), validUntil: at(5) },
      { priceCents: 9_100, validFrom: at(-10), validUntil: at(10) },
    ];
    expect(resolveNetPrice(10_000, windows, now)).toBe(8_800);
  });
});

describe('toDisplayPrice', () => {
  it('shows B2B prices excl. VAT unchanged', () => {
    expect(toDisplayPrice(12_345, { salesMode: 'b2b', vatRateBp: 2100, currency: 'EUR' })).toEqual({
      amountCents: 12_345,
      currency: 'EUR',
      includesVat: false,
    });
  });

  it('adds VAT for B2C and rounds half up to the cent', () => {
    expect(toDisplayPrice(10_000, { salesMode: 'b2c', vatRateBp: 2100, currency: 'EUR' }).amountCents).toBe(12_100);
    // 50 × 1.21 = 60.5 → 61
    expect(toDisplayPrice(50, { salesMode: 'b2c', vatRateBp: 2100, currency: 'EUR' }).amountCents).toBe(61);
    expect(toDisplayPrice(999, { salesMode: 'b2c', vatRateBp: 600, currency: 'EUR' }).amountCents).toBe(1_059);
  });
});

describe('formatMoney', () => {
  it('formats cents as currency', () => {
    expect(formatMoney(12_345, 'EUR')).toBe('€123.45');
  });
});
