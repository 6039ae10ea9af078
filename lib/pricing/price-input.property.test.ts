import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileString } from '@/tests/support/hostile-input';
import { centsToDecimal, formatCsvDate, MAX_PRICE_CENTS, parseEuroCents, parseShopDate, shopDay, shopMidnight } from './price-input';

const cents = fc.integer({ min: 1, max: MAX_PRICE_CENTS });
const priceish = fc.oneof(
  hostileString,
  fc.stringMatching(/^[€ ]{0,2}-?\d{0,8}([.,]\d{0,3})?( ?(€|EUR|eur))?$/),
  fc.constantFrom('1.250,00', '1,250.00', '1 250', '0', '0.00', '0,01', '100000.01', '99999999', '٣', '１２', '1e3', '+5', '.5', '5.'),
);

/** A calendar day in the years the shop accepts, as numbers and as written. */
const calendarDay = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => ({
  y: d.getUTCFullYear(),
  m: d.getUTCMonth() + 1,
  d: d.getUTCDate(),
  text: d.toISOString().slice(0, 10),
}));

describe('parseEuroCents: properties', () => {
  it('never throws; an accepted price is a positive safe integer of cents within the maximum', () => {
    fc.assert(
      fc.property(priceish, (raw) => {
        const parsed = parseEuroCents(raw);
        if (!parsed.ok) {
          expect(parsed.error.trim()).not.toBe('');
          return;
        }
        expect(Number.isSafeInteger(parsed.value)).toBe(true);
        expect(parsed.value).toBeGreaterThan(0);
        expect(parsed.value).toBeLessThanOrEqual(MAX_PRICE_CENTS);
        // Exactly the amount written, never a guess: the digits read as decimal euros.
        const digits = raw
          .trim()
          .replace(/^€\s*/, '')
          .replace(/\s*(€|EUR)$/i, '')
          .replace(',', '.');
        expect(parsed.value).toBe(Math.round(Number(digits) * 100));
      }),
      { numRuns: 500 },
    );
  });

  it('reads back every amount the export writes, and the ways people type it', () => {
    fc.assert(
      fc.property(cents, fc.constantFrom('', '€', '€ ', ' '), fc.constantFrom('', ' €', 'EUR', ' eur'), fc.boolean(), (value, prefix, suffix, comma) => {
        const written = centsToDecimal(value);
        expect(parseEuroCents(written)).toEqual({ ok: true, value });
        const typed = `${prefix}${comma ? written.replace('.', ',') : written}${suffix}`;
        expect(parseEuroCents(typed)).toEqual({ ok: true, value });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses anything above the maximum or not above zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_PRICE_CENTS + 1, max: 99_999_999 }), (value) => {
        expect(parseEuroCents(centsToDecimal(value)).ok).toBe(false);
      }),
    );
    expect(parseEuroCents('0,00').ok).toBe(false);
  });
});

describe('parseShopDate: properties', () => {
  const dateish = fc.oneof(
    hostileString,
    fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    fc.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    // Plausible-looking timestamps: right years, but any day 1–31 in any month.
    fc
      .record({
        y: fc.integer({ min: 1999, max: 2200 }),
        m: fc.integer({ min: 1, max: 12 }),
        d: fc.integer({ min: 1, max: 31 }),
        h: fc.integer({ min: 0, max: 24 }),
        zone: fc.constantFrom('Z', '+01:00', '-12:00', '+14:00'),
        dayOnly: fc.boolean(),
      })
      .map(({ y, m, d, h, zone, dayOnly }) => {
        const day = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        return dayOnly ? day : `${day}T${String(h).padStart(2, '0')}:00${zone}`;
      }),
  );

  it('never throws; an accepted date is valid, within the years allowed, and a day in the calendar as written', () => {
    fc.assert(
      fc.property(dateish, (raw) => {
        const parsed = parseShopDate(raw, 'valid_from');
        if (!parsed.ok) {
          expect(parsed.error).toMatch(/^valid_from .+/);
          return;
        }
        expect(Number.isNaN(parsed.value.getTime())).toBe(false);
        // A plain date is a day in the shop's zone (2000-01-01 starts at 23:00 UTC the day before); a timestamp is its own instant.
        const year = raw.includes('T') ? parsed.value.getUTCFullYear() : Number(shopDay(parsed.value).slice(0, 4));
        expect(year).toBeGreaterThanOrEqual(2000);
        expect(year).toBeLessThanOrEqual(2199);
        const [, y, m, d] = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw.trim())!.map(Number) as [number, number, number, number];
        // The written day exists: 2026-02-30 is refused, not rolled over to 2 March.
        const probe = new Date(Date.UTC(y, m - 1, d));
        expect([probe.getUTCMonth() + 1, probe.getUTCDate()]).toEqual([m, d]);
      }),
      { numRuns: 500 },
    );
  });

  it('reads a plain day as 00:00 that day in the shop’s time zone', () => {
    fc.assert(
      fc.property(calendarDay, ({ y, m, d, text }) => {
        const parsed = parseShopDate(` ${text} `, 'valid_from');
        expect(parsed).toEqual({ ok: true, value: shopMidnight(y, m, d) });
        expect(shopDay(shopMidnight(y, m, d))).toBe(text);
        expect(formatCsvDate(shopMidnight(y, m, d))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('reads back every bound the export writes, to the millisecond', () => {
    const instant = fc.date({ min: new Date('2000-01-02T00:00:00Z'), max: new Date('2199-12-30T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instant, (at) => {
        expect(parseShopDate(formatCsvDate(at), 'valid_until')).toEqual({ ok: true, value: at });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a timestamp on a day that is not in the calendar', () => {
    for (const raw of ['2026-02-30T10:00Z', '2026-02-29T00:00:00+01:00', '2026-04-31T12:00:00Z', '2100-02-29T00:00Z']) {
      expect(parseShopDate(raw, 'valid_from').ok, raw).toBe(false);
    }
    expect(parseShopDate('2028-02-29T00:00Z', 'valid_from').ok).toBe(true);
  });
});
