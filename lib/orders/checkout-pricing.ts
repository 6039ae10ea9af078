import type { Transaction } from '@/db/client';
import type { Coupon } from '@/db/schema';
import { applyCoupon, applyDiscount, couponProblem, type Totals } from '@/lib/coupons/coupon-rules';
import { findCouponWithUsage } from '@/lib/coupons/coupon-service';
import { lockedLoyaltyBalance, loyaltyBalance, type LoyaltyRates } from '@/lib/loyalty/loyalty';
import { formatMoney, toDisplayPrice, type PriceDisplayContext } from '@/lib/pricing/resolve-price';

/** A coupon's minimum order (net) as the shop shows prices. */
function formatMinimumOrder(netCents: number, price: PriceDisplayContext): string {
  const shown = toDisplayPrice(netCents, price);
  return `${formatMoney(shown.amountCents, price.currency)}${shown.includesVat ? '' : ' excl. VAT'}`;
}

export interface CheckoutPricing {
  totals: Totals & { discountNetCents: number };
  coupon: Coupon | null;
  /** Why the typed coupon does not apply, for the buyer; null when it does or none was typed. */
  couponError: string | null;
  pointsBalance: number;
  pointsUsed: number;
  /** What one point takes off, as used for these totals (0: the shop does not let buyers redeem). */
  pointValueCents: number;
}

/**
 * The cart's totals after the coupon, then the loyalty points, as the checkout page previews them and
 * as the order is placed. Placing locks the coupon and the customer's points (`lock`), so concurrent
 * orders cannot redeem the same last use or the same points; the preview reads without locks.
 */
export async function priceCheckout(
  tx: Transaction,
  input: {
    customerId: string;
    baseTotals: Totals;
    price: PriceDisplayContext;
    loyalty: LoyaltyRates;
    couponCode: string | null;
    usePoints: boolean;
    now: Date;
    lock: boolean;
  },
): Promise<CheckoutPricing> {
  const { customerId, price, lock } = input;
  let totals = { ...input.baseTotals, discountNetCents: 0 };
  let coupon: Coupon | null = null;
  let couponError: string | null = null;
  if (input.couponCode) {
    const found = await findCouponWithUsage(tx, input.couponCode, customerId, { forUpdate: lock });
    couponError = couponProblem(found.coupon, totals.netCents, found.usage, input.now, (c) => formatMinimumOrder(c, price));
    if (!couponError && found.coupon) {
      coupon = found.coupon;
      totals = applyCoupon(totals, coupon, price);
    }
  }
  const { pointValueCents } = input.loyalty;
  // Placing an order needs the balance only when points are spent; the preview always shows it.
  const needBalance = (input.usePoints && pointValueCents > 0) || !lock;
  const pointsBalance = needBalance ? await (lock ? lockedLoyaltyBalance(tx, customerId) : loyaltyBalance(tx, customerId)) : 0;
  let pointsUsed = 0;
  if (input.usePoints && pointsBalance > 0 && pointValueCents > 0) {
    const before = totals.discountNetCents;
    const discounted = applyDiscount(totals, price, (base) => {
      pointsUsed = Math.min(pointsBalance, Math.floor(base / pointValueCents));
      return pointsUsed * pointValueCents;
    });
    totals = { ...discounted, discountNetCents: before + discounted.discountNetCents };
  }
  return { totals, coupon, couponError, pointsBalance, pointsUsed, pointValueCents };
}
