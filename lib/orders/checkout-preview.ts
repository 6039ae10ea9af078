import 'server-only';
import type { Customer, CustomerAddress, Tenant } from '@/db/schema';
import type { CartChoices } from '@/lib/cart/cart-choices';
import type { CartView } from '@/lib/cart/cart-service';
import { listAddresses } from '@/lib/customers/addresses';
import { loyaltyRatesOf } from '@/lib/loyalty/loyalty';
import type { PriceDisplayContext } from '@/lib/pricing/resolve-price';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { priceCheckout, type CheckoutPricing } from './checkout-pricing';

export interface CheckoutPreview {
  addresses: CustomerAddress[];
  pricing: CheckoutPricing;
}

/**
 * The checkout page's one read: the buyer's addresses and the cart priced with the chosen coupon and
 * points. A preview only: placing the order prices it again, under locks.
 */
export function previewCheckout(
  tenant: Tenant,
  customer: Pick<Customer, 'id'>,
  input: { cart: CartView; price: PriceDisplayContext; choices: CartChoices; now?: Date },
): Promise<CheckoutPreview> {
  const { cart, price, choices, now = new Date() } = input;
  return withTenant(tenant.id, async (tx) => ({
    addresses: await listAddresses(tx, customer.id),
    pricing: await priceCheckout(tx, {
      customerId: customer.id,
      baseTotals: cart.totals,
      price,
      loyalty: loyaltyRatesOf(tenant),
      couponCode: choices.couponCode,
      usePoints: choices.useLoyaltyPoints,
      now,
      lock: false,
    }),
  }));
}
