import 'server-only';
import { and, count, eq, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { couponRedemptions, coupons, type Coupon } from '@/db/schema';
import { normalizeCouponCode, type CouponUsage } from './coupon-rules';

/**
 * The tenant's coupon for a typed code, with how often it was used. `forUpdate` locks the coupon for
 * the rest of the transaction, so two orders cannot both take the last redemption.
 */
export async function findCouponWithUsage(
  tx: Transaction,
  code: string,
  customerId: string,
  options: { forUpdate?: boolean } = {},
): Promise<{ coupon: Coupon | null; usage: CouponUsage }> {
  const normalized = normalizeCouponCode(code);
  // The code comes from the URL (?coupon=) and the checkout form; PostgreSQL fails a query bound to a NUL.
  if (normalized.includes('\u0000')) return { coupon: null, usage: { redemptions: 0, customerRedemptions: 0 } };
  const query = tx.select().from(coupons).where(eq(coupons.code, normalized)).limit(1);
  const [coupon] = options.forUpdate ? await query.for('update') : await query;
  if (!coupon) return { coupon: null, usage: { redemptions: 0, customerRedemptions: 0 } };
  const [usage] = await tx
    .select({
      redemptions: count(),
      customerRedemptions: sql<number>`count(*) filter (where ${couponRedemptions.customerId} = ${customerId})`.mapWith(Number),
    })
    .from(couponRedemptions)
    .where(and(eq(couponRedemptions.couponId, coupon.id)));
  return { coupon, usage: { redemptions: usage?.redemptions ?? 0, customerRedemptions: usage?.customerRedemptions ?? 0 } };
}
