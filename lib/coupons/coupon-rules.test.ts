import { describe, expect, it } from 'vitest';
import type { Coupon } from '@/db/schema';
import { applyCoupon, couponProblem } from './coupon-rules';

const now = new Date('2026-11-22T12:00:00Z');
const coupon = (over: Partial<Coupon>): Coupon => ({
  id: 'c',
  tenantId: 't',
  code: 'X',
  kind: 'percent',
  percentBp: 1_000,
  amountCents: null,
  minOrderNetCents: 0,
  validFrom: new Date('2026-01-01'),
  validUntil: null,
  maxRedemptions: null,
  maxPerCustomer: null,
  active: true,
  createdAt: now,
  ...over,
});
const money = (c: number) => `€${(c / 100).toFixed(2)}`;
const unused = { redemptions: 0, customerRedemptions: 0 };
const b2b = { salesMode: 'b2b' as const, vatRateBp: 2_100, currency: 'EUR' };
const b2c = { salesMode: 'b2c' as const, vatRateBp: 2_100, currency: 'EUR' };

describe('couponProblem', () => {
  it('accepts a valid coupon', () => expect(couponProblem(coupon({}), 10_000, unused, now, money)).toBeNull());
  it('refuses unknown, inactive, early and expired coupons', () => {
    expect(couponProblem(null, 10_000, unused, now, money)).toMatch(/not valid/);
    expect(couponProblem(coupon({ active: false }), 10_000, unused, now, money)).toMatch(/not valid/);
    expect(couponProblem(coupon({ validFrom: new Date('2026-12-01') }), 10_000, unused, now, money)).toMatch(/not valid yet/);
    expect(couponProblem(coupon({ validUntil: now }), 10_000, unused, now, money)).toMatch(/expired/);
  });
  it('enforces the minimum order and the usage limits', () => {
    expect(couponProblem(coupon({ minOrderNetCents: 10_001 }), 10_000, unused, now, money)).toBe('This coupon needs an order of at least €100.01.');
    expect(couponProblem(coupon({ maxRedemptions: 3 }), 10_000, { redemptions: 3, customerRedemptions: 0 }, now, money)).toMatch(/used up/);
    expect(couponProblem(coupon({ maxPerCustomer: 1 }), 10_000, { redemptions: 9, customerRedemptions: 1 }, now, money)).toMatch(/already used/);
  });
});

describe('applyCoupon', () => {
  it('takes a percentage off the net total in B2B and charges VAT on the rest', () => {
    expect(applyCoupon({ netCents: 10_000, vatCents: 2_100, grossCents: 12_100 }, coupon({}), b2b)).toEqual({
      netCents: 9_000,
      vatCents: 1_890,
      grossCents: 10_890,
      discountNetCents: 1_000,
    });
  });
  it('takes a fixed amount off the total paid in B2C', () => {
    const result = applyCoupon({ netCents: 10_000, vatCents: 2_100, grossCents: 12_100 }, coupon({ kind: 'fixed', percentBp: null, amountCents: 500 }), b2c);
    expect(result.grossCents).toBe(11_600);
    expect(result.netCents + result.vatCents).toBe(11_600);
    expect(result.netCents).toBe(9_587); // 11,600 / 1.21
  });
  it('never takes more than the order is worth', () => {
    expect(applyCoupon({ netCents: 300, vatCents: 63, grossCents: 363 }, coupon({ kind: 'fixed', percentBp: null, amountCents: 5_000 }), b2b)).toMatchObject({
      netCents: 0,
      grossCents: 0,
    });
  });
});
