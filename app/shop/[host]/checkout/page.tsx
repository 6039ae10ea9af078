import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { CheckoutForm } from '@/components/checkout/checkout-form';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { displayLineCents } from '@/lib/cart/cart-lines';
import { loadCart } from '@/lib/cart/cart-service';
import { listAddresses } from '@/lib/customers/addresses';
import { paymentMethodsFor } from '@/lib/orders/place-order';
import { formatMoney } from '@/lib/pricing/resolve-price';
import { canPlaceOrders } from '@/lib/registration/decide-registration';
import { getShop } from '@/lib/storefront/current-shop';
import { withTenant } from '@/lib/tenancy/with-tenant';

export const metadata: Metadata = { title: 'Checkout', robots: { index: false } };

export default async function CheckoutPage({ params }: { params: Promise<{ host: string }> }) {
  const { tenant, price } = await getShop((await params).host);
  const customer = await getCurrentCustomer(tenant.id);
  if (!customer) redirect('/account/sign-in?callbackUrl=/checkout');
  if (!canPlaceOrders(customer, new Date())) redirect('/cart');
  const cart = await loadCart(tenant, customer);
  if (!cart.readyForCheckout) redirect('/cart');
  const addresses = await withTenant(tenant.id, (tx) => listAddresses(tx, customer.id));
  const methods = paymentMethodsFor(tenant);
  const total = formatMoney(cart.totals.grossCents, price.currency);
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
            <CheckoutForm addresses={addresses} methods={methods} idempotencyKey={crypto.randomUUID()} totalLabel={total} />
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
        <p className="mt-3 flex justify-between border-t border-slate-200 pt-3 text-sm"><span>Subtotal excl. VAT</span><span>{formatMoney(cart.totals.netCents, price.currency)}</span></p>
        <p className="flex justify-between text-sm"><span>VAT</span><span>{formatMoney(cart.totals.vatCents, price.currency)}</span></p>
        <p className="mt-1 flex justify-between text-lg font-bold"><span>Total</span><span>{total}</span></p>
        <p className="mt-2 text-xs text-slate-600">Business customers in another EU country with a VAT number are invoiced without VAT (reverse charge); the order shows the final amount.</p>
      </aside>
    </div>
  );
}
