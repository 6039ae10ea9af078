import { clsx } from 'clsx';
import Link from 'next/link';
import { orderFiltersToSearch, type OrderFilters } from '@/lib/orders/order-filters';
import { ORDER_STATUS, ORDER_STATUSES, type OrderStatus } from '@/lib/orders/order-status';

const inputClass = 'w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base sm:text-sm';

/**
 * Status tabs (each with how many orders it holds under the other filters) and a plain GET form for
 * the rest: works without JavaScript, and every filtered view is a link the owner can share.
 */
export function OrderListFilters({ filters, statusCounts }: { filters: OrderFilters; statusCounts: Record<OrderStatus, number> }) {
  const all = Object.values(statusCounts).reduce((a, b) => a + b, 0);
  const tab = (status: OrderStatus | undefined, label: string, n: number) => {
    const current = filters.status === status;
    return (
      <li key={status ?? 'all'}>
        <Link
          href={`/dashboard/orders${orderFiltersToSearch({ ...filters, status, page: 1 })}`}
          aria-current={current ? 'page' : undefined}
          data-testid={`status-tab-${status ?? 'all'}`}
          className={clsx(
            'block rounded-full border px-3 py-1.5 text-sm whitespace-nowrap',
            current ? 'border-slate-900 bg-slate-900 text-white' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-100',
          )}
        >
          {label} <span className={clsx('ml-1 tabular-nums', current ? 'text-slate-200' : 'text-slate-500')}>{n}</span>
        </Link>
      </li>
    );
  };
  return (
    <div className="space-y-4">
      <nav aria-label="Order status" className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
        <ul className="flex gap-2 pb-1 sm:flex-wrap">
          {tab(undefined, 'All', all)}
          {ORDER_STATUSES.map((s) => tab(s, ORDER_STATUS[s].label, statusCounts[s]))}
        </ul>
      </nav>
      <form
        method="get"
        action="/dashboard/orders"
        role="search"
        aria-label="Filter orders"
        className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 lg:grid-cols-[2fr_1fr_1fr_1fr_auto] lg:items-end"
      >
        {filters.status ? <input type="hidden" name="status" value={filters.status} /> : null}
        <div className="col-span-2 sm:col-span-1 lg:col-span-1">
          <label htmlFor="orders-q" className="mb-1 block text-sm font-medium">
            Search
          </label>
          <input
            id="orders-q"
            name="q"
            type="search"
            defaultValue={filters.q ?? ''}
            maxLength={100}
            placeholder="Number, customer, email, reference"
            className={inputClass}
          />
        </div>
        <div className="col-span-2 sm:col-span-1 lg:col-span-1">
          <label htmlFor="orders-method" className="mb-1 block text-sm font-medium">
            Payment
          </label>
          <select id="orders-method" name="method" defaultValue={filters.method ?? ''} className={inputClass}>
            <option value="">Any</option>
            <option value="card">Card</option>
            <option value="invoice">Invoice</option>
          </select>
        </div>
        <div>
          <label htmlFor="orders-from" className="mb-1 block text-sm font-medium">
            From
          </label>
          <input id="orders-from" name="from" type="date" defaultValue={filters.from ?? ''} className={inputClass} />
        </div>
        <div>
          <label htmlFor="orders-to" className="mb-1 block text-sm font-medium">
            To
          </label>
          <input id="orders-to" name="to" type="date" defaultValue={filters.to ?? ''} className={inputClass} />
        </div>
        <div className="col-span-2 flex items-center gap-3 lg:col-span-1">
          <button type="submit" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white">
            Apply
          </button>
          {filters.q || filters.method || filters.from || filters.to ? (
            <Link href={`/dashboard/orders${orderFiltersToSearch({ status: filters.status })}`} className="text-sm underline">
              Clear
            </Link>
          ) : null}
        </div>
      </form>
    </div>
  );
}
