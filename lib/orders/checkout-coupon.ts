import 'server-only';
import type { Customer, Tenant } from '@/db/schema';
import { couponCodeOf, saveCartChoices } from '@/lib/cart/cart-choices';
import { loadCart } from '@/lib/cart/cart-service';
import { AppError } from '@/lib/errors';
import { loyaltyRatesOf } from '@/lib/loyalty/loyalty';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { priceCheckout } from './checkout-pricing';

/**
 * Applies a typed coupon to the buyer's cart, after checking it against the cart as it stands; a code
 * that does not apply is refused with the reason and leaves the cart's coupon as it was. An empty code
 * removes the coupon. Placing the order checks the stored coupon again, under a lock.
 */
export async function applyCheckoutCoupon(tenant: Tenant, customer: Customer, typed: unknown, now = new Date()): Promise<string | null> {
  const code = couponCodeOf(typed);
  if (code) {
    const cart = await loadCart(tenant, customer);
    const price = { salesMode: tenant.salesMode, vatRateBp: tenant.vatRateBp, currency: tenant.currency };
    const { couponError } = await withTenant(tenant.id, (tx) =>
      priceCheckout(tx, {
        customerId: customer.id,
        baseTotals: cart.totals,
        price,
        loyalty: loyaltyRatesOf(tenant),
        couponCode: code,
        usePoints: false,
        now,
        lock: false,
      }),
    );
    if (couponError) throw new AppError('VALIDATION_FAILED', couponError, { details: { fieldErrors: { couponCode: couponError } } });
  }
  await saveCartChoices(tenant, customer, { couponCode: code });
  return code;
}
