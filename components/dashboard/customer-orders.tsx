import { formatDateTime } from '@/lib/time/format-date-time';
import Link from 'next/link';
import type { CustomerDetail } from '@/lib/customers/customer-detail';
import { ORDER_STATUS } from '@/lib/orders/order-status';
import { formatMoney } from '@/lib/pricing/resolve-price';

/** The customer's latest orders; a table from `sm` up, stacked rows on a phone. */
export function CustomerOrders({ orders, orderCount, timeZone }: Pick<CustomerDetail, 'orders' | 'orderCount'> & { timeZone: string }) {
  if (orders.length === 0)
    return (
      <p className="mt-2 text-sm text-slate-600" data-testid="customer-orders-empty">
        No orders yet.
      </p>
    );
  return (
    <>
      <table className="mt-2 hidden w-full text-sm sm:table">
        <thead className="text-left text-slate-600">
          <tr>
            <th scope="col" className="pb-2 font-medium">
              Order
            </th>
            <th scope="col" className="pb-2 font-medium">
              Placed
            </th>
            <th scope="col" className="pb-2 font-medium">
              Status
            </th>
            <th scope="col" className="pb-2 text-right font-medium">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.id} className="border-t border-slate-100" data-testid="customer-order">
              <td className="py-2">
                <Link className="font-semibold underline" href={`/dashboard/orders/${o.number}`}>
                  Order {o.number}
                </Link>
              </td>
              <td className="py-2">{formatDateTime(o.placedAt, timeZone)}</td>
              <td className="py-2">{ORDER_STATUS[o.status].label}</td>
              <td className="py-2 text-right tabular-nums">{formatMoney(o.grossCents, o.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="mt-2 divide-y divide-slate-100 text-sm sm:hidden">
        {orders.map((o) => (
          <li key={o.id} className="flex items-start justify-between gap-3 py-2">
            <div>
              <Link className="font-semibold underline" href={`/dashboard/orders/${o.number}`}>
                Order {o.number}
              </Link>
              <span className="block text-xs text-slate-600">
                {formatDateTime(o.placedAt, timeZone)} · {ORDER_STATUS[o.status].label}
              </span>
            </div>
            <span className="tabular-nums">{formatMoney(o.grossCents, o.currency)}</span>
          </li>
        ))}
      </ul>
      {orderCount > orders.length ? (
        <p className="mt-2 text-xs text-slate-600">
          The latest {orders.length} of {orderCount} orders.
        </p>
      ) : null}
    </>
  );
}
