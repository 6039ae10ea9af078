import { formatDateTime } from '@/lib/time/format-date-time';
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { listCustomerOrders } from '@/lib/orders/customer-orders';
import { ORDER_STATUS } from '@/lib/orders/order-status';
import { formatMoney } from '@/lib/pricing/resolve-price';
import { getShop } from '@/lib/tenancy/current-shop';

export const metadata: Metadata = { title: 'Your orders', robots: { index: false } };

export default async function OrdersPage({ params }: { params: Promise<{ host: string }> }) {
  const { tenant } = await getShop((await params).host);
  const customer = await getCurrentCustomer(tenant.id);
  if (!customer) redirect('/account/sign-in?callbackUrl=/account/orders');
  const { orders, total } = await listCustomerOrders(tenant.id, customer.id);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold">Your orders</h1>
      {total === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          No orders yet.{' '}
          <Link href="/products" className="font-semibold underline">
            Browse products
          </Link>
        </p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {orders.map((o) => (
            <li key={o.id} data-testid="order-row">
              <Link href={`/account/orders/${o.number}`} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 hover:bg-slate-50">
                <span className="font-semibold">Order {o.number}</span>
                <span className="text-sm text-slate-600">
                  <time dateTime={o.placedAt.toISOString()}>{formatDateTime(o.placedAt, tenant.timeZone)}</time>
                </span>
                <span className="text-sm">{ORDER_STATUS[o.status].label}</span>
                <span className="font-semibold">{formatMoney(o.grossCents, o.currency)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {total > orders.length ? (
        <p className="mt-3 text-sm text-slate-600">
          Showing the latest {orders.length} of {total} orders.
        </p>
      ) : null}
    </div>
  );
}
