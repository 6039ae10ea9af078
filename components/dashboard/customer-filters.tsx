import { clsx } from 'clsx';
import Link from 'next/link';
import { customerStatusFilterLabel } from '@/lib/customers/customer-labels';
import { customerStatusFilters, type CustomerListQuery, type CustomerStatusFilter } from '@/lib/customers/customer-list';

export function customerListHref(query: Partial<CustomerListQuery>): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.status && query.status !== 'all') params.set('status', query.status);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  const search = params.toString();
  return `/dashboard/customers${search ? `?${search}` : ''}`;
}

/** A plain GET form and links: the list works before (and without) any JavaScript. */
export function CustomerFilters({ query, counts }: { query: CustomerListQuery; counts: Record<CustomerStatusFilter, number> }) {
  return (
    <div className="space-y-3">
      <form role="search" action="/dashboard/customers" method="get" className="flex flex-col gap-2 sm:flex-row">
        <label htmlFor="customer-search" className="sr-only">
          Search customers
        </label>
        <input
          id="customer-search"
          name="q"
          type="search"
          defaultValue={query.q}
          maxLength={100}
          placeholder="Name, email, company or VAT number"
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base sm:text-sm"
        />
        {query.status !== 'all' ? <input type="hidden" name="status" value={query.status} /> : null}
        <button type="submit" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white">
          Search
        </button>
      </form>
      <nav aria-label="Filter by status" className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
        <ul className="flex gap-1">
          {customerStatusFilters.map((status) => {
            const current = status === query.status;
            return (
              <li key={status}>
                <Link
                  href={customerListHref({ q: query.q, status })}
                  aria-current={current ? 'page' : undefined}
                  data-testid={`status-filter-${status}`}
                  className={clsx(
                    'flex items-center gap-2 rounded-md border px-3 py-1.5 text-sm font-medium whitespace-nowrap',
                    current ? 'border-slate-900 bg-slate-900 text-white' : 'border-slate-200 bg-white text-slate-700 hover:bg-slate-100',
                  )}
                >
                  {customerStatusFilterLabel[status]}
                  <span className={clsx('rounded-full px-1.5 text-xs', current ? 'bg-white/20' : 'bg-slate-100 text-slate-600')}>{counts[status]}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </div>
  );
}
