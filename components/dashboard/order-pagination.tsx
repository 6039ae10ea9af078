import Link from 'next/link';
import { orderFiltersToSearch, type OrderFilters } from '@/lib/orders/order-filters';

export function OrderPagination({ filters, page, pageCount }: { filters: OrderFilters; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const href = (p: number) => `/dashboard/orders${orderFiltersToSearch({ ...filters, page: p })}`;
  const linkClass = 'rounded-md border border-slate-300 bg-white px-3 py-2 hover:bg-slate-100';
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-2 text-sm">
      {page > 1 ? (
        <Link className={linkClass} href={href(page - 1)} rel="prev">
          ‹ Newer
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-600">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link className={linkClass} href={href(page + 1)} rel="next">
          Older ›
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
