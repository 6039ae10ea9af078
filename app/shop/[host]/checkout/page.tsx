import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { CheckoutForm } from '@/app/shop/[host]/checkout/checkout-form';
import { SummaryRows } from '@/components/checkout/summary-rows';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { loadCartChoices } from '@/lib/cart/cart-choices';
import { displayLineCents } from '@/lib/cart/cart-lines';
import { loadCart } from '@/lib/cart/cart-service';
import { previewCheckout } from '@/lib/orders/checkout-preview';
import { paymentMethodsFor } from '@/lib/orders/place-order';
import { discountLabelOf, displayDiscountCents, pricePresentationFor, summaryRows } from '@/lib/orders/price-presentation';
import { formatMoney } from '@/lib/pricing/resolve-price';
import { canPlaceOrders } from '@/lib/registration/decide-registration';
import { getShop } from '@/lib/tenancy/current-shop';

export const metadata: Metadata = { title: 'Checkout', robots: { index: false } };

type Props = { params: Promise<{ host: string }> };

export default async function CheckoutPage({ params }: Props) {
  const { tenant, price } = await getShop((await params).host);
  const customer = await getCurrentCustomer(tenant.id);
  if (!customer) redirect('/account/sign-in?callbackUrl=/checkout');
  if (!canPlaceOrders(customer, new Date())) redirect('/cart');
  const cart = await loadCart(tenant, customer);
  if (!cart.readyForCheckout) redirect('/cart');
  const methods = paymentMethodsFor(tenant);
  // The coupon and points the buyer chose are kept with the cart, so coming back finds them applied.
  const choices = await loadCartChoices(tenant, customer);
  // One read for the page; a preview only: placing the order prices it again, under locks.
  const { addresses, pricing } = await previewCheckout(tenant, customer, { cart, price, choices });
  const { totals, couponError, pointsBalance, pointsUsed, pointValueCents } = pricing;
  const presentation = pricePresentationFor(price.salesMode);
  // A shop that does not let buyers redeem (a point value of 0) shows no points here at all.
  const canRedeem = pointsBalance > 0 && pointValueCents > 0;
  const appliedCoupon = choices.couponCode && !couponError ? choices.couponCode : null;
  const usePoints = choices.useLoyaltyPoints && canRedeem;
  const total = formatMoney(totals.grossCents, price.currency);
  const displayLinesCents = cart.lines.reduce((sum, l) => sum + displayLineCents(l, price), 0);
  const discountCents = displayDiscountCents(price, { displayLinesCents, grossCents: totals.grossCents, discountNetCents: totals.discountNetCents });
  const rows = summaryRows(price.salesMode, {
    ...totals,
    discountCents,
    discountLabel: discountLabelOf(appliedCoupon, usePoints ? pointsUsed : 0),
    vatRateBp: price.vatRateBp,
  });
  const blocker =
    addresses.length === 0 ? (
      <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
        Add a delivery address in{' '}
        <Link href="/account" className="font-semibold underline">
          your account
        </Link>{' '}
        first.
      </p>
    ) : methods.length === 0 ? (
      <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="no-payment-method">
        Online payment is not available in this shop yet. Contact {tenant.name} at {tenant.fromEmailAddress} to order.
      </p>
    ) : null;
  const lines = (
    <ul className="mt-3 space-y-2 text-sm">
      {cart.lines.map((l) => (
        <li key={l.itemId} className="flex justify-between gap-3">
          <span>
            {l.quantity} × {l.article?.name}
          </span>
          <span className="shrink-0 tabular-nums">{formatMoney(displayLineCents(l, price), price.currency)}</span>
        </li>
      ))}
    </ul>
  );
  return (
    <CheckoutForm
      addresses={addresses}
      methods={methods}
      idempotencyKey={crypto.randomUUID()}
      totalLabel={total}
      blocker={blocker}
      asksForReference={presentation.asksForReference}
      coupon={{ stored: choices.couponCode, applied: appliedCoupon, error: couponError }}
      points={
        canRedeem
          ? {
              using: usePoints,
              used: pointsUsed,
              offer: `Use my ${pointsBalance} loyalty points (worth ${formatMoney(pointsBalance * pointValueCents, price.currency)})`,
            }
          : null
      }
      lines={lines}
      totals={<SummaryRows rows={rows} currency={price.currency} discountTestId="coupon-discount" totalTestId="checkout-total" />}
      note={
        presentation.mentionsReverseCharge
          ? 'Business customers in another EU country with a VAT number are invoiced without VAT (reverse charge); the order shows the final amount.'
          : `${presentation.priceNote}.`
      }
    />
  );
}
