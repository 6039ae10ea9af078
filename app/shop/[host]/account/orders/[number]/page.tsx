import { formatDateTime } from '@/lib/time/format-date-time';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { SummaryRows } from '@/components/checkout/summary-rows';
import { getCustomerOrder } from '@/lib/orders/customer-orders';
import { awaitsCardPayment, ORDER_STATUS } from '@/lib/orders/order-status';
import { discountLabelOf, displayDiscountCents, displayLineAmount, pricePresentationFor, salesModeOfOrder, summaryRows } from '@/lib/orders/price-presentation';
import { formatMoney } from '@/lib/pricing/resolve-price';
import { getShop } from '@/lib/tenancy/current-shop';
import { payOrderAction } from './actions';

export const metadata: Metadata = { title: 'Order', robots: { index: false } };

type Props = { params: Promise<{ host: string; number: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const eventLabel: Record<string, string> = {
  placed: 'Order placed',
  payment_captured: 'Payment received',
  payment_failed: 'Payment declined',
  fulfilment_requested: 'Sent to the warehouse',
  shipped: 'Shipped',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  extra_payment_captured: 'Extra payment received: it is refunded automatically',
  extra_payment_refunded: 'Extra payment refunded',
  invoice_paid: 'Invoice paid',
  shipped_after_refund: 'Parcel left the warehouse after the refund',
};
// The shop's own bookkeeping, not news for the buyer.
const internalEvents = new Set(['refund_requested', 'refund_failed', 'email_failed']);
const cancelReason: Record<string, string> = {
  payment_timeout: 'No payment arrived in time, so the order was cancelled. Nothing was charged.',
  fulfilment_failed: 'The warehouse could not ship this order, so it was cancelled. Nothing is invoiced.',
  cancelled_by_shop: 'The shop cancelled this order. Nothing was charged.',
};
const vatNote = {
  domestic: 'VAT included in the total',
  reverse_charge: 'VAT reverse charged: no VAT charged, the buyer accounts for it',
  consumer: 'Prices include VAT',
};

export default async function OrderPage({ params, searchParams }: Props) {
  const { host, number } = await params;
  const { tenant } = await getShop(host);
  const customer = await getCurrentCustomer(tenant.id);
  if (!customer) redirect(`/account/sign-in?callbackUrl=/account/orders/${encodeURIComponent(number)}`);
  if (!/^\d{1,9}$/.test(number)) notFound();
  const found = await getCustomerOrder(tenant.id, customer.id, Number(number));
  if (!found) notFound();
  const { order, lines, events, shipment, refunds, awaitingProcessing } = found;
  const cancelled = events.findLast((e) => e.type === 'cancelled');
  const money = (cents: number) => formatMoney(cents, order.currency);
  const a = order.shippingAddress;
  // Shown as it was sold: a consumer sees incl.-VAT lines and what the discount took off the price paid.
  const price = { salesMode: salesModeOfOrder(order), vatRateBp: order.vatRateBp ?? tenant.vatRateBp, currency: order.currency };
  const presentation = pricePresentationFor(price.salesMode);
  const displayLinesCents = lines.reduce((sum, l) => sum + displayLineAmount(l, price), 0);
  const rows = summaryRows(price.salesMode, {
    ...order,
    discountCents: displayDiscountCents(price, { displayLinesCents, grossCents: order.grossCents, discountNetCents: order.discountNetCents }),
    discountLabel: discountLabelOf(order.couponCode, order.loyaltyPointsRedeemed),
    vatRateBp: order.vatTreatment === 'reverse_charge' ? null : price.vatRateBp,
  });
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      {(await searchParams).payment === 'failed' ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-amber-900">
          The payment was declined. Your order is kept; you can pay it from this page.
        </p>
      ) : null}
      {(await searchParams).payment === 'voided' ? (
        <p role="alert" data-testid="payment-voided" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-amber-900">
          {order.status === 'awaiting_payment'
            ? 'That payment was replaced by a newer one, so nothing was charged. You can pay the order from this page.'
            : 'The order no longer needed that payment, so nothing was charged for it.'}
        </p>
      ) : null}
      {(await searchParams).placed ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-emerald-900">
          Thank you! Your order is placed. {tenant.name} will email you when it ships.
        </p>
      ) : null}
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Order {order.number}</h1>
        <p className="font-medium" data-testid="order-status">
          {ORDER_STATUS[order.status].label}
        </p>
      </div>
      {awaitingProcessing && order.status !== 'cancelled' ? (
        <p role="status" data-testid="order-processing" className="rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-slate-800">
          Your order is awaiting processing. We will email you as soon as it moves on.
        </p>
      ) : null}
      {shipment ? (
        <section data-testid="order-shipment" className="rounded-lg border border-emerald-200 bg-emerald-50 p-5 text-sm text-emerald-950">
          <h2 className="font-semibold">Shipped on {formatDateTime(shipment.shippedAt, tenant.timeZone)}</h2>
          <p className="mt-1">
            {shipment.carrier}, tracking number <span className="font-mono">{shipment.trackingNumber}</span>
            {shipment.trackingUrl ? (
              <>
                {' '}
                ·{' '}
                <a className="font-semibold underline" href={shipment.trackingUrl} rel="noopener noreferrer" target="_blank">
                  Track your parcel
                </a>
              </>
            ) : null}
          </p>
        </section>
      ) : null}
      {refunds.map((r) => (
        <p key={r.id} role="status" data-testid="order-refund" className="rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sky-950">
          {money(r.amountCents)} was refunded to your card on {formatDateTime(r.createdAt, tenant.timeZone)}. {r.reason}
        </p>
      ))}
      {order.status === 'cancelled' && cancelled ? (
        <p role="status" className="rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-slate-800">
          {cancelReason[String(cancelled.details?.reason)] ?? 'This order was cancelled.'}
        </p>
      ) : null}
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <table className="w-full text-sm">
          <thead className="text-left text-slate-600">
            <tr>
              <th className="pb-2 font-medium">Product</th>
              <th className="pb-2 text-right font-medium">Qty</th>
              <th className="pb-2 text-right font-medium">{presentation.lineColumn}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.id} className="border-t border-slate-100" data-testid="order-line">
                <td className="py-2">
                  {l.name}
                  <span className="block text-xs text-slate-500">{l.sku}</span>
                </td>
                <td className="py-2 pl-3 text-right">{l.quantity}</td>
                <td className="py-2 pl-3 text-right whitespace-nowrap tabular-nums">{money(displayLineAmount(l, price))}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="mt-4 border-t border-slate-200 pt-3">
          <SummaryRows rows={rows} currency={order.currency} discountTestId="order-discount" totalTestId="order-total" />
        </div>
        <p className="mt-2 text-xs text-slate-600">
          {vatNote[order.vatTreatment]}. Payment: {order.paymentMethod === 'invoice' ? 'on invoice' : 'card'}.
        </p>
        {awaitsCardPayment(order) ? (
          <form action={payOrderAction} className="mt-3">
            <input type="hidden" name="orderNumber" value={order.number} />
            <button type="submit" className="bg-brand text-brand-contrast rounded-md px-4 py-2 font-semibold">
              Pay now
            </button>
          </form>
        ) : null}
      </section>
      <section className="grid gap-4 sm:grid-cols-2">
        <div className="rounded-lg border border-slate-200 bg-white p-5 text-sm">
          <h2 className="font-semibold">Delivery address</h2>
          <address className="mt-2 not-italic">
            {a.recipient}
            <br />
            {a.line1}
            <br />
            {a.line2 ? (
              <>
                {a.line2}
                <br />
              </>
            ) : null}
            {a.postalCode} {a.city}
            <br />
            {a.countryCode}
          </address>
          {order.customerReference && presentation.asksForReference ? <p className="mt-2">Your reference: {order.customerReference}</p> : null}
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-5 text-sm">
          <h2 className="font-semibold">Timeline</h2>
          <ol className="mt-2 space-y-1">
            {events
              .filter((e) => !internalEvents.has(e.type))
              .map((e) => (
                <li key={e.id}>
                  {formatDateTime(e.createdAt, tenant.timeZone)} — {eventLabel[e.type] ?? e.type}
                </li>
              ))}
          </ol>
        </div>
      </section>
      <Link href="/account/orders" className="inline-block text-sm font-semibold underline">
        All your orders
      </Link>
    </div>
  );
}
