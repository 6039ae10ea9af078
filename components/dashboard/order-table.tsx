import Link from 'next/link';
import type { ShopOrderRow } from '@/lib/orders/order-list';
import { formatDateTime } from '@/lib/time/format-date-time';
import { formatMoney } from '@/lib/pricing/resolve-price';
import { OrderStatusBadge } from './order-status-badge';

/** The orders of one page: a table from `sm` up; on a phone each row stacks into a small card. */
export function OrderTable({ rows, timeZone }: { rows: ShopOrderRow[]; timeZone: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white sm:overflow-x-auto">
      <table className="w-full text-sm max-sm:block sm:min-w-[44rem]">
        <caption className="sr-only">Orders, newest first</caption>
        <thead className="bg-slate-50 text-left text-slate-600 max-sm:sr-only">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Order
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Placed
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Customer
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Reference
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Payment
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Status
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Total
            </th>
          </tr>
        </thead>
        <tbody className="max-sm:block max-sm:divide-y max-sm:divide-slate-100">
          {rows.map((o) => (
            <tr
              key={o.id}
              data-testid="dashboard-order-row"
              className="hover:bg-slate-50 max-sm:grid max-sm:grid-cols-2 max-sm:gap-x-3 max-sm:gap-y-1 max-sm:px-4 max-sm:py-3 sm:border-t sm:border-slate-100"
            >
              <th scope="row" className="text-left max-sm:block sm:px-4 sm:py-2">
                <Link
                  href={`/dashboard/orders/${o.number}`}
                  className="font-semibold underline decoration-slate-300 underline-offset-2 hover:decoration-slate-900"
                >
                  #{o.number}
                </Link>
              </th>
              <td className="whitespace-nowrap text-slate-700 max-sm:block max-sm:text-right max-sm:text-xs sm:px-4 sm:py-2">
                <time dateTime={o.placedAt.toISOString()}>{formatDateTime(o.placedAt, timeZone)}</time>
              </td>
              <td className="max-sm:col-span-2 max-sm:block sm:px-4 sm:py-2">
                <span className="block font-medium">{o.companyName ?? o.customerName}</span>
                <span className="block text-xs break-all text-slate-500">
                  {o.companyName ? `${o.customerName} · ` : ''}
                  {o.customerEmail}
                </span>
              </td>
              <td className="text-slate-700 max-sm:block max-sm:text-xs sm:px-4 sm:py-2">
                <span className="sm:hidden">Ref. </span>
                {o.customerReference ?? '—'}
              </td>
              <td className="max-sm:block max-sm:text-right max-sm:text-xs sm:px-4 sm:py-2">{o.paymentMethod === 'invoice' ? 'Invoice' : 'Card'}</td>
              <td className="max-sm:block sm:px-4 sm:py-2">
                <OrderStatusBadge status={o.status} />
              </td>
              <td className="text-right font-semibold max-sm:block sm:px-4 sm:py-2 tabular-nums whitespace-nowrap">{formatMoney(o.grossCents, o.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
