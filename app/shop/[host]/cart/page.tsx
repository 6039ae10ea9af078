import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { StatusBanner } from '@/components/account/status-banner';
import { SummaryRows } from '@/components/checkout/summary-rows';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { displayLineCents, type CartLine } from '@/lib/cart/cart-lines';
import { loadCart, MAX_QUANTITY } from '@/lib/cart/cart-service';
import { formatMoney, toDisplayPrice, type PriceDisplayContext } from '@/lib/pricing/resolve-price';
import { customerStatusMessage, effectiveCustomerStatus } from '@/lib/registration/decide-registration';
import { pricePresentationFor, summaryRows } from '@/lib/orders/price-presentation';
import { getShop } from '@/lib/tenancy/current-shop';
import { updateCartLineAction } from './actions';

export const metadata: Metadata = { title: 'Your cart', robots: { index: false } };

type Props = { params: Promise<{ host: string }> };

const problemText: Record<string, string> = {
  unavailable: 'No longer available in this shop. Remove it to continue.',
  price_changed: 'The price changed since you added it. Update the line to accept the new price.',
  insufficient_stock: 'Not enough in stock for this quantity.',
};

function LineRow({ line, money, price }: { line: CartLine; money: (net: number) => string; price: PriceDisplayContext }) {
  return (
    <li className="flex flex-col gap-3 border-b border-slate-200 py-4 last:border-b-0 sm:flex-row sm:items-center" data-testid="cart-line">
      <div className="flex-1">
        {line.article ? (
          <Link href={`/products/${line.article.slug}`} className="font-semibold hover:underline">
            {line.article.name}
          </Link>
        ) : (
          <p className="font-semibold text-slate-500">Article {line.articleId}</p>
        )}
        {line.unitPriceCents !== null ? <p className="text-sm text-slate-600">{money(line.unitPriceCents)} each</p> : null}
        {line.problems.map((p) => (
          <p key={p} role="alert" className="mt-1 text-sm text-amber-800" data-testid={`problem-${p}`}>
            {problemText[p]}
          </p>
        ))}
      </div>
      <form action={updateCartLineAction} className="flex items-center gap-2">
        <input type="hidden" name="itemId" value={line.itemId} />
        <label className="sr-only" htmlFor={`qty-${line.itemId}`}>
          Quantity
        </label>
        <input
          id={`qty-${line.itemId}`}
          name="quantity"
          type="number"
          min={1}
          max={MAX_QUANTITY}
          defaultValue={line.quantity}
          disabled={!line.article}
          className="w-20 rounded-md border border-slate-300 bg-white px-2 py-1.5"
        />
        {line.article ? (
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
            Update
          </button>
        ) : null}
        <button type="submit" name="remove" value="1" className="text-sm text-red-700 underline">
          Remove
        </button>
      </form>
      <p className="font-semibold sm:w-28 sm:text-right">{line.unitPriceCents !== null ? formatMoney(displayLineCents(line, price), price.currency) : '—'}</p>
    </li>
  );
}

export default async function CartPage({ params }: Props) {
  const { tenant, price } = await getShop((await params).host);
  const customer = await getCurrentCustomer(tenant.id);
  if (!customer) redirect('/account/sign-in?callbackUrl=/cart');
  const status = effectiveCustomerStatus(customer, new Date());
  if (status !== 'active') {
    return (
      <div className="mx-auto max-w-2xl">
        <h1 className="text-2xl font-bold">Your cart</h1>
        <div className="mt-4">
          <StatusBanner {...customerStatusMessage(status, tenant.name)} testId="account-status" />
        </div>
      </div>
    );
  }
  const cart = await loadCart(tenant, customer);
  const money = (net: number) => formatMoney(toDisplayPrice(net, price).amountCents, price.currency);
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-bold">Your cart</h1>
      {cart.lines.length === 0 ? (
        <div className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="font-semibold">Your cart is empty.</p>
          <Link href="/products" className="mt-3 inline-block text-sm font-semibold underline">
            Browse products
          </Link>
        </div>
      ) : (
        <div className="mt-6 grid gap-6 lg:grid-cols-[1fr_18rem]">
          <section aria-label="Cart lines" className="rounded-lg border border-slate-200 bg-white px-4">
            <ul>
              {cart.lines.map((line) => (
                <LineRow key={line.itemId} line={line} money={money} price={price} />
              ))}
            </ul>
          </section>
          <aside className="h-fit space-y-2 rounded-lg border border-slate-200 bg-white p-5" aria-label="Totals">
            <SummaryRows
              rows={summaryRows(price.salesMode, { ...cart.totals, discountCents: 0, vatRateBp: price.vatRateBp })}
              currency={price.currency}
              totalTestId="cart-total"
            />
            <p className="text-xs text-slate-600">{pricePresentationFor(price.salesMode).priceNote} on product pages. Shipping is calculated at checkout.</p>
            {!cart.readyForCheckout ? (
              <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900">
                Resolve the marked lines before checking out.
              </p>
            ) : (
              <Link href="/checkout" className="bg-brand text-brand-contrast block rounded-md px-4 py-2.5 text-center font-semibold">
                Checkout
              </Link>
            )}
          </aside>
        </div>
      )}
    </div>
  );
}
