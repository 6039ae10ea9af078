import type { Coupon } from '@/db/schema';
import type { PriceDisplayContext } from '@/lib/pricing/resolve-price';
import { roundHalfUp } from '@/lib/pricing/round';

export interface CouponUsage {
  redemptions: number;
  customerRedemptions: number;
}

/**
 * Why a coupon cannot be used now, in words for the buyer; null when it can. `formatMinimum` words the
 * net minimum order as the shop shows prices (`€100.00 excl. VAT` to a business, `€121.00` to a consumer).
 */
export function couponProblem(
  coupon: Coupon | null,
  orderNetCents: number,
  usage: CouponUsage,
  now: Date,
  formatMinimum: (netCents: number) => string,
): string | null {
  if (!coupon?.active) return 'This coupon code is not valid in this shop.';
  if (now < coupon.validFrom) return 'This coupon is not valid yet.';
  if (coupon.validUntil && now >= coupon.validUntil) return 'This coupon has expired.';
  if (orderNetCents < coupon.minOrderNetCents) return `This coupon needs an order of at least ${formatMinimum(coupon.minOrderNetCents)}.`;
  if (coupon.maxRedemptions !== null && usage.redemptions >= coupon.maxRedemptions) return 'This coupon has been used up.';
  if (coupon.maxPerCustomer !== null && usage.customerRedemptions >= coupon.maxPerCustomer) return 'You have already used this coupon.';
  return null;
}

export interface Totals {
  netCents: number;
  vatCents: number;
  grossCents: number;
}

/**
 * Totals after the coupon, in integer cents, never below zero. B2B: the discount comes off the net total
 * and VAT is charged on what remains. B2C: it comes off the total paid (a €5 coupon takes €5 off what the
 * buyer sees), and the VAT is what the new total contains.
 */
export function applyCoupon(totals: Totals, coupon: Coupon, ctx: PriceDisplayContext): Totals & { discountNetCents: number } {
  return applyDiscount(totals, ctx, (base) => (coupon.kind === 'percent' ? roundHalfUp(base * (coupon.percentBp ?? 0), 10_000) : (coupon.amountCents ?? 0)));
}

/** A discount of `cut(base)` cents, where base is the net total (B2B) or the total paid (B2C). */
export function applyDiscount(totals: Totals, ctx: PriceDisplayContext, cut: (base: number) => number): Totals & { discountNetCents: number } {
  const capped = (base: number) => Math.max(0, Math.min(base, cut(base)));
  if (ctx.salesMode === 'b2c') {
    const grossCents = totals.grossCents - capped(totals.grossCents);
    const netCents = roundHalfUp(grossCents * 10_000, 10_000 + ctx.vatRateBp);
    return { netCents, vatCents: grossCents - netCents, grossCents, discountNetCents: totals.netCents - netCents };
  }
  const discountNetCents = capped(totals.netCents);
  const netCents = totals.netCents - discountNetCents;
  const vatCents = roundHalfUp(netCents * ctx.vatRateBp, 10_000);
  return { netCents, vatCents, grossCents: netCents + vatCents, discountNetCents };
}

export const normalizeCouponCode = (code: string) => code.trim().toUpperCase().replace(/\s+/g, '');
