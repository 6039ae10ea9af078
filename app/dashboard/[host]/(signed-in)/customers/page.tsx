import type { Metadata } from 'next';
import Link from 'next/link';
import { CustomerFilters } from '@/components/dashboard/customer-filters';
import { CustomerPagination } from '@/components/dashboard/customer-pagination';
import { CustomerTable } from '@/components/dashboard/customer-table';
import { requireStaffPage } from '@/lib/auth/current-staff';
import { customerStatusFilterLabel } from '@/lib/customers/customer-labels';
import { CUSTOMERS_PAGE_SIZE, listCustomers, parseCustomerListQuery, type CustomerListQuery } from '@/lib/customers/customer-list';
import { getShop } from '@/lib/tenancy/current-shop';

export const metadata: Metadata = { title: 'Customers' };

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function summary(query: CustomerListQuery, total: number, shown: number): string {
  if (total === 0) return '';
  const noun = total === 1 ? 'customer' : 'customers';
  if (total <= shown) return `${total} ${noun}`;
  const first = (query.page - 1) * CUSTOMERS_PAGE_SIZE + 1;
  return `${first}–${first + shown - 1} of ${total} ${noun}`;
}

function emptyMessage(query: CustomerListQuery, total: number): string {
  if (total > 0) return `There is no page ${query.page}: the list is shorter.`;
  if (!query.q && query.status === 'all') return 'No customers yet. They appear here as soon as someone registers at your shop.';
  const status = query.status === 'all' ? '' : ` with status “${customerStatusFilterLabel[query.status]}”`;
  if (query.q) return `No customers match “${query.q}”${status}.`;
  return `No customers${status}.`;
}

export default async function CustomersPage({ params, searchParams }: Props) {
  const { tenant } = await getShop((await params).host);
  // The layout checks too, but a page must never rely on its layout having run first.
  await requireStaffPage(tenant.id);
  const query = parseCustomerListQuery(await searchParams);
  const list = await listCustomers(tenant.id, query);
  const now = new Date();
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Customers</h1>
        {list.counts.pending_approval > 0 && query.status !== 'pending_approval' ? (
          <Link href="/dashboard/customers?status=pending_approval" className="text-sm font-semibold text-amber-800 underline">
            {list.counts.pending_approval} waiting for approval
          </Link>
        ) : null}
      </div>
      <CustomerFilters query={query} counts={list.counts} />
      <p role="status" className="text-sm text-slate-600" data-testid="customer-count">
        {summary(query, list.total, list.rows.length)}
      </p>
      {list.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center" data-testid="customers-empty">
          <p className="font-medium">{emptyMessage(query, list.total)}</p>
          {query.q || query.status !== 'all' || list.total > 0 ? (
            <Link href="/dashboard/customers" className="mt-3 inline-block text-sm font-semibold underline">
              Show all customers
            </Link>
          ) : null}
        </div>
      ) : (
        <CustomerTable rows={list.rows} now={now} timeZone={tenant.timeZone} />
      )}
      <CustomerPagination query={query} pageCount={list.pageCount} />
    </div>
  );
}
