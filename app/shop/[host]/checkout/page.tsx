import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { CheckoutForm } from '@/components/checkout/checkout-form';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { displayLineCents } from '@/lib/cart/cart-lines';
import { loadCart } from '@/lib/cart/cart-service';
import { listAddresses } from '@/lib/customers/addresses';
import { normalizeCouponCode } from '@/lib/coupons/coupon-rules';
import { loyaltyRatesOf } from '@/lib/loyalty/loyalty';
import { priceCheckout } from '@/lib/orders/checkout-pricing';
import { paymentMethodsFor } from '@/lib/orders/place-order';
import { formatMoney } from '@/lib/pricing/resolve-price';
import { canPlaceOrders } from '@/lib/registration/decide-registration';
import { getShop } from '@/lib/storefront/current-shop';
import { withTenant } from '@/lib/tenancy/with-tenant';

export const metadata: Metadata = { title: 'Checkout', robots: { index: false } };

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CheckoutPage({ params, searchParams }: Props) {
  const { tenant, price } = await getShop((await params).host);
  const customer = await getCurrentCustomer(tenant.id);
  if (!customer) redirect('/account/sign-in?callbackUrl=/checkout');
  if (!canPlaceOrders(customer, new Date())) redirect('/cart');
  const cart = await loadCart(tenant, customer);
  if (!cart.readyForCheckout) redirect('/cart');
  const methods = paymentMethodsFor(tenant);
  const query = await searchParams;
  const couponCode = typeof query.coupon === 'string' && query.coupon.trim() ? normalizeCouponCode(query.coupon).slice(0, 40) : null;
  const usePointsParam = query.points === '1';
  // One read for the page; a preview only: placing the order prices it again, under locks.
  const [addresses, pricing] = await withTenant(tenant.id, async (tx) => [
    await listAddresses(tx, customer.id),
    await priceCheckout(tx, { customerId: customer.id, baseTotals: cart.totals, price, loyalty: loyaltyRatesOf(tenant), couponCode, usePoints: usePointsParam, now: new Date(), lock: false }),
  ] as const);
  const { totals, couponError, pointsBalance, pointsUsed, pointValueCents } = pricing;
  // A shop that does not let buyers redeem (a point value of 0) shows no points here at all.
  const canRedeem = pointsBalance > 0 && pointValueCents > 0;
  const appliedCoupon = couponCode && !couponError ? couponCode : null;
  const usePoints = usePointsParam && canRedeem;
  const total = formatMoney(totals.grossCents, price.currency);
  return (
    <div className="mx-auto grid max-w-5xl gap-8 lg:grid-cols-[1fr_20rem]">
      <section>
        <h1 className="text-2xl font-bold">Checkout</h1>
        <div className="mt-6">
          {addresses.length === 0 ? (
            <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
              Add a delivery address in <Link href="/account" className="font-semibold underline">your account</Link> first.
            </p>
          ) : methods.length === 0 ? (
            <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="no-payment-method">
              Online payment is not available in this shop yet. Contact {tenant.name} at {tenant.fromEmailAddress} to order.
            </p>
          ) : (
            <CheckoutForm addresses={addresses} methods={methods} idempotencyKey={crypto.randomUUID()} totalLabel={total} couponCode={appliedCoupon} usePoints={usePoints} />
          )}
        </div>
      </section>
      <aside className="h-fit rounded-lg border border-slate-200 bg-white p-5" aria-label="Order summary">
        <h2 className="font-semibold">Order summary</h2>
        <ul className="mt-3 space-y-2 text-sm">
          {cart.lines.map((l) => (
            <li key={l.itemId} className="flex justify-between gap-3">
              <span>{l.quantity} × {l.article?.name}</span>
              <span className="shrink-0">{formatMoney(displayLineCents(l, price), price.currency)}</span>
            </li>
          ))}
        </ul>
        <form method="get" className="mt-4 flex gap-2 border-t border-slate-200 pt-3">
          {usePointsParam ? <input type="hidden" name="points" value="1" /> : null}
          <label htmlFor="coupon" className="sr-only">Coupon code</label>
          <input id="coupon" name="coupon" defaultValue={couponCode ?? ''} placeholder="Coupon code" aria-invalid={couponError ? true : undefined} aria-describedby={couponError ? 'coupon-error' : undefined} className="w-full min-w-0 rounded-md border border-slate-300 px-2 py-1.5 text-sm uppercase" />
          <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium">Apply</button>
        </form>
        {canRedeem ? (
          <form method="get" className="mt-2 text-sm">
            {couponCode ? <input type="hidden" name="coupon" value={couponCode} /> : null}
            {usePoints ? null : <input type="hidden" name="points" value="1" />}
            <button type="submit" className="underline" data-testid="toggle-points">
              {usePoints ? `Don’t use my points` : `Use my ${pointsBalance} loyalty points (worth ${formatMoney(pointsBalance * pointValueCents, price.currency)})`}
            </button>
          </form>
        ) : null}
        {usePoints ? <p className="mt-1 flex justify-between text-sm text-emerald-800" data-testid="points-discount"><span>{pointsUsed} loyalty points</span><span>applied</span></p> : null}
        {couponError ? <p id="coupon-error" role="alert" className="mt-1 text-sm text-red-700">{couponError}</p> : null}
        {appliedCoupon ? (
          <p className="mt-1 flex justify-between text-sm text-emerald-800" data-testid="coupon-discount"><span>Coupon {appliedCoupon}</span><span>−{formatMoney(totals.discountNetCents, price.currency)} excl. VAT</span></p>
        ) : null}
        <p className="mt-3 flex justify-between border-t border-slate-200 pt-3 text-sm"><span>Subtotal excl. VAT</span><span>{formatMoney(totals.netCents, price.currency)}</span></p>
        <p className="flex justify-between text-sm"><span>VAT</span><span>{formatMoney(totals.vatCents, price.currency)}</span></p>
        <p className="mt-1 flex justify-between text-lg font-bold"><span>Total</span><span>{total}</span></p>
        <p className="mt-2 text-xs text-slate-600">Business customers in another EU country with a VAT number are invoiced without VAT (reverse charge); the order shows the final amount.</p>
      </aside>
    </div>
  );
}
