import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileRecord, hostileString, hostileValue, safeParseReadable, withOneHostileField } from '@/tests/support/hostile-input';
import { couponFormSchema } from './manage-coupons';

const HOUR = 3_600_000;
const KEYS = ['code', 'kind', 'percent', 'amount', 'minOrder', 'validFrom', 'validUntil', 'maxRedemptions', 'maxPerCustomer'] as const;

const day = fc
  .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const recentDay = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const euros = fc
  .integer({ min: 1, max: 99_999_999 })
  .map((c) => ({ cents: c, text: `${Math.trunc(c / 100)}${c % 100 ? `,${String(c % 100).padStart(2, '0')}` : ''}` }));

const validCoupon = fc.record({
  code: fc.stringMatching(/^[a-zA-Z0-9-]{3,30}$/),
  kind: fc.constantFrom('percent', 'fixed'),
  percent: fc.integer({ min: 100, max: 10_000 }).map((bp) => `${bp / 100}`),
  amount: euros.map((e) => e.text),
  minOrder: fc.option(
    euros.map((e) => `€ ${e.text}`),
    { nil: '' },
  ),
  validFrom: fc.option(recentDay, { nil: '' }),
  validUntil: fc.option(recentDay, { nil: '' }),
  maxRedemptions: fc.option(fc.integer({ min: 1, max: 999_999 }).map(String), { nil: '' }),
  maxPerCustomer: fc.option(fc.integer({ min: 1, max: 999_999 }).map(String), { nil: '' }),
});

/** Milliseconds from the shop's midnight to UTC midnight of a day: 1 or 2 hours in Brussels. */
const aheadOfUtc = (at: Date, dayText: string) => Date.parse(`${dayText}T00:00:00Z`) - at.getTime();

describe('couponFormSchema: properties', () => {
  const anyCoupon = fc.oneof(
    hostileRecord(KEYS),
    withOneHostileField(validCoupon),
    withOneHostileField(validCoupon, hostileValue),
    withOneHostileField(validCoupon, day),
    validCoupon.chain((c) => fc.record({ validFrom: day, validUntil: day }).map((d) => ({ ...c, ...d }))),
  );

  it('never throws; an accepted coupon has a clean code, exact amounts, sane limits and a real window', () => {
    fc.assert(
      fc.property(anyCoupon, (input) => {
        const result = safeParseReadable(couponFormSchema, input);
        if (!result.success) return;
        const coupon = result.data;
        expect(coupon.code).toMatch(/^[A-Z0-9-]{3,30}$/);
        if (coupon.kind === 'percent') {
          expect(Number.isSafeInteger(coupon.percentBp)).toBe(true);
          expect(coupon.percentBp).toBeGreaterThanOrEqual(100);
          expect(coupon.percentBp).toBeLessThanOrEqual(10_000);
          expect(coupon.amountCents).toBeNull();
        } else {
          expect(Number.isSafeInteger(coupon.amountCents)).toBe(true);
          expect(coupon.amountCents).toBeGreaterThan(0);
          expect(coupon.percentBp).toBeNull();
        }
        expect(Number.isSafeInteger(coupon.minOrderNetCents) && coupon.minOrderNetCents >= 0).toBe(true);
        for (const limit of [coupon.maxRedemptions, coupon.maxPerCustomer]) {
          if (limit !== null) expect(Number.isSafeInteger(limit) && limit >= 1 && limit <= 999_999).toBe(true);
        }
        if (coupon.maxRedemptions !== null && coupon.maxPerCustomer !== null) expect(coupon.maxPerCustomer).toBeLessThanOrEqual(coupon.maxRedemptions);
        const raw = input as Record<string, unknown>;
        // Each bound is the start of a day in the shop's time zone: the first day, and the day after the last.
        if (coupon.validFrom) {
          expect(Number.isNaN(coupon.validFrom.getTime())).toBe(false);
          const ahead = aheadOfUtc(coupon.validFrom, String(raw.validFrom).trim());
          expect(ahead).toBeGreaterThanOrEqual(HOUR);
          expect(ahead).toBeLessThanOrEqual(2 * HOUR);
        }
        if (coupon.validUntil) {
          expect(Number.isNaN(coupon.validUntil.getTime())).toBe(false);
          const ahead = aheadOfUtc(coupon.validUntil, String(raw.validUntil).trim()) + 24 * HOUR;
          expect(ahead).toBeGreaterThanOrEqual(HOUR);
          expect(ahead).toBeLessThanOrEqual(2 * HOUR);
        }
        if (coupon.validFrom && coupon.validUntil) expect(coupon.validUntil.getTime()).toBeGreaterThan(coupon.validFrom.getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('reads a well-formed coupon exactly as typed', () => {
    fc.assert(
      fc.property(validCoupon, euros, (coupon, amount) => {
        const result = couponFormSchema.safeParse({ ...coupon, amount: amount.text });
        const windowOk = !coupon.validFrom || !coupon.validUntil || coupon.validUntil >= coupon.validFrom;
        const limitsOk = !coupon.maxRedemptions || !coupon.maxPerCustomer || Number(coupon.maxPerCustomer) <= Number(coupon.maxRedemptions);
        expect(result.success).toBe(windowOk && limitsOk);
        if (!result.success) return;
        expect(result.data.code).toBe(coupon.code.toUpperCase());
        if (coupon.kind === 'fixed') expect(result.data.amountCents).toBe(amount.cents);
        else expect(result.data.percentBp).toBe(Math.round(Number(coupon.percent) * 100));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses days outside 2000–2199, where the shop’s midnight cannot be worked out', () => {
    for (const day of ['0000-01-01', '0001-01-01', '0099-12-31', '1999-12-31', '2200-01-01', '9999-12-31']) {
      const result = couponFormSchema.safeParse({ code: 'SPRING', kind: 'percent', percent: '10', validFrom: day });
      expect(result.success, day).toBe(false);
    }
  });

  it('never throws for a hostile code alone', () => {
    fc.assert(
      fc.property(hostileString, (code) => {
        safeParseReadable(couponFormSchema, { code, kind: 'percent', percent: '10' });
      }),
    );
  });
});
