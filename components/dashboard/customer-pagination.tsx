import Link from 'next/link';
import type { CustomerListQuery } from '@/lib/customers/customer-list';
import { customerListHref } from './customer-filters';

const linkClass = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-100';

export function CustomerPagination({ query, pageCount }: { query: CustomerListQuery; pageCount: number }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-2 text-sm">
      {query.page > 1 ? (
        <Link className={linkClass} rel="prev" href={customerListHref({ ...query, page: query.page - 1 })}>
          Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-600">
        Page {query.page} of {pageCount}
      </span>
      {query.page < pageCount ? (
        <Link className={linkClass} rel="next" href={customerListHref({ ...query, page: query.page + 1 })}>
          Next
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
