import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CancelOrderForm, MarkInvoicePaidForm, RefundOrderForm } from '@/components/dashboard/order-actions';
import { OrderLinesCard } from '@/components/dashboard/order-lines-card';
import { OrderPaymentsCard } from '@/components/dashboard/order-payments-card';
import { OrderStatusBadge } from '@/components/dashboard/order-status-badge';
import { OrderTimeline } from '@/components/dashboard/order-timeline';
import { requireStaffPage } from '@/lib/auth/current-staff';
import { getShopOrder } from '@/lib/orders/order-detail';
import { formatDateTime } from '@/lib/time/format-date-time';
import { formatMoney } from '@/lib/pricing/resolve-price';
import { getShop } from '@/lib/tenancy/current-shop';
import { cancelOrderAction, markInvoicePaidAction, refundOrderAction } from '../actions';

type Props = { params: Promise<{ host: string; number: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Order ${(await params).number}` };
}

const doneMessage: Record<string, string> = {
  cancelled: 'The order is cancelled. The customer is being emailed.',
  'invoice-paid': 'The invoice is marked paid. The customer is being sent a receipt.',
  'refund-requested': 'The refund is requested. It shows below as soon as the payment has gone back.',
};

export default async function DashboardOrderPage({ params, searchParams }: Props) {
  const { host, number } = await params;
  const { tenant } = await getShop(host);
  const staff = await requireStaffPage(tenant.id);
  if (!/^\d{1,9}$/.test(number)) notFound();
  const found = await getShopOrder(tenant.id, Number(number));
  if (!found) notFound();
  const { order, customer, actions } = found;
  const done = doneMessage[String((await searchParams).done)];
  const gross = formatMoney(order.grossCents, order.currency);
  const a = order.shippingAddress;
  const anyAction = actions.cancel || actions.markInvoicePaid || (actions.refund && staff.role === 'owner');
  return (
    <div className="space-y-5">
      <Link href="/dashboard/orders" className="text-sm underline">
        ‹ All orders
      </Link>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">Order {order.number}</h1>
          <p className="text-sm text-slate-600">
            Placed{' '}
            <time dateTime={order.placedAt.toISOString()} data-testid="order-placed-at">
              {formatDateTime(order.placedAt, tenant.timeZone, 'full')}
            </time>{' '}
            · {order.paymentMethod === 'invoice' ? 'on invoice' : 'by card'}
          </p>
        </div>
        <OrderStatusBadge status={order.status} testId="order-status" />
      </div>
      {done ? (
        <p role="status" data-testid="action-outcome" className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-emerald-900">
          {done}
        </p>
      ) : null}
      {actions.refundPending ? (
        <p role="status" data-testid="refund-pending" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-amber-900">
          Refund requested: waiting for the payment provider. This page shows the refund once it is recorded.
        </p>
      ) : null}
      {found.awaitingProcessing && order.status !== 'cancelled' ? (
        <p role="status" className="rounded-md border border-slate-200 bg-white px-4 py-3 text-slate-800">
          Awaiting processing: the order has not reached the order workflow yet.
        </p>
      ) : null}
      {anyAction ? (
        <section aria-labelledby="actions-heading" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="actions-heading" className="font-semibold">
            Actions
          </h2>
          <div className="mt-3 flex flex-wrap items-start gap-3">
            {actions.markInvoicePaid ? <MarkInvoicePaidForm action={markInvoicePaidAction} orderId={order.id} amount={gross} /> : null}
            {actions.cancel ? <CancelOrderForm action={cancelOrderAction} orderId={order.id} orderNumber={order.number} /> : null}
            {actions.refund && staff.role === 'owner' ? <RefundOrderForm action={refundOrderAction} orderId={order.id} amount={gross} /> : null}
          </div>
        </section>
      ) : null}
      <div className="grid gap-5 lg:grid-cols-[3fr_2fr]">
        <div className="min-w-0 space-y-5">
          <OrderLinesCard order={order} lines={found.lines} />
          <OrderPaymentsCard payments={found.payments} refunds={found.refunds} shipment={found.shipment} timeZone={tenant.timeZone} />
        </div>
        <div className="min-w-0 space-y-5">
          <section aria-labelledby="customer-heading" className="rounded-lg border border-slate-200 bg-white p-5 text-sm">
            <h2 id="customer-heading" className="font-semibold">
              Customer
            </h2>
            <p className="mt-2">
              <Link href={`/dashboard/customers/${customer.id}`} className="font-semibold underline" data-testid="order-customer">
                {customer.companyName ?? customer.name}
              </Link>
              {customer.companyName ? <span className="block">{customer.name}</span> : null}
              <a href={`mailto:${customer.email}`} className="block break-all text-slate-700 underline">
                {customer.email}
              </a>
              {customer.phone ? <span className="block text-slate-700">{customer.phone}</span> : null}
              {customer.vatNumber ? <span className="block text-slate-700">VAT {customer.vatNumber}</span> : null}
            </p>
            <h3 className="mt-4 font-semibold">Delivery address</h3>
            <address className="mt-1 not-italic">
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
            {order.customerReference ? (
              <p className="mt-3">
                Customer reference: <span className="font-medium">{order.customerReference}</span>
              </p>
            ) : null}
          </section>
          <OrderTimeline events={found.events} currency={order.currency} timeZone={tenant.timeZone} />
        </div>
      </div>
    </div>
  );
}
