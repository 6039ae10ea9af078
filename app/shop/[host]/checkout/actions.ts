'use server';

import { redirect } from 'next/navigation';
import { couponCodeOf, loadCartChoices, saveCartChoices } from '@/lib/cart/cart-choices';
import { customerAction } from '@/lib/forms/form-action';
import { applyCheckoutCoupon } from '@/lib/orders/checkout-coupon';
import { awaitsCardPayment } from '@/lib/orders/order-status';
import { placeOrder } from '@/lib/orders/place-order';
import { startOrderPayment } from '@/lib/payments/start-order-payment';

/**
 * The checkout form's one action. Applying or removing the coupon and choosing to spend points are
 * buttons of the same form (`intent`), so the address, payment method and reference the buyer chose
 * travel with them and come back as they were, with or without JavaScript; the choice itself is stored
 * with the cart. Without an intent (the Place order button, or Enter) the order is placed. The header's
 * cart count lives in the layout, which client navigation would otherwise keep: hence the whole layout.
 */
export const placeOrderAction = customerAction(
  { signIn: '/account/sign-in?callbackUrl=/checkout', revalidate: [{ layout: '/' }] },
  async ({ tenant, customer, values, formData }) => {
    const intent = formData.get('intent');
    const stored = await loadCartChoices(tenant, customer);
    const typed = couponCodeOf(values.couponCode);
    if (intent === 'apply-coupon' || intent === 'remove-coupon' || (intent === null && typed !== null && typed !== stored.couponCode)) {
      // A code typed but not applied is applied first: the buyer sees the new total before ordering.
      const code = await applyCheckoutCoupon(tenant, customer, intent === 'remove-coupon' ? '' : values.couponCode);
      const message = code ? `Coupon ${code} applied. Check the new total, then place your order.` : 'Coupon removed.';
      return { status: 'success', message, values: { ...values, couponCode: code ?? '' } };
    }
    if (intent === 'use-points' || intent === 'keep-points') {
      await saveCartChoices(tenant, customer, { useLoyaltyPoints: intent === 'use-points' });
      return { status: 'idle', values };
    }
    const order = await placeOrder(tenant, customer, { ...values, couponCode: stored.couponCode ?? undefined, usePoints: stored.useLoyaltyPoints });
    redirect(awaitsCardPayment(order) ? (await startOrderPayment(tenant, order.id)).redirectPath : `/account/orders/${order.number}?placed=1`);
  },
);
