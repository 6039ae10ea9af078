import type { Metadata } from 'next';
import Link from 'next/link';
import { OrderListFilters } from '@/components/dashboard/order-list-filters';
import { OrderPagination } from '@/components/dashboard/order-pagination';
import { OrderTable } from '@/components/dashboard/order-table';
import { requireStaffPage } from '@/lib/auth/current-staff';
import { DASHBOARD_ORDERS_PAGE_SIZE, parseOrderFilters } from '@/lib/orders/order-filters';
import { listShopOrders } from '@/lib/orders/order-list';
import { formatMoney } from '@/lib/pricing/resolve-price';
import { getShop } from '@/lib/tenancy/current-shop';

export const metadata: Metadata = { title: 'Orders' };

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DashboardOrdersPage({ params, searchParams }: Props) {
  const { tenant } = await getShop((await params).host);
  // The layout checks too; a page never relies on its layout alone for access.
  await requireStaffPage(tenant.id);
  const filters = parseOrderFilters(await searchParams);
  const list = await listShopOrders(tenant, filters);
  const filtered = Boolean(filters.status || filters.method || filters.q || filters.from || filters.to);
  const first = (list.page - 1) * DASHBOARD_ORDERS_PAGE_SIZE + 1;
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">Orders</h1>
      <OrderListFilters filters={filters} statusCounts={list.statusCounts} />
      {list.total.orders === 0 ? (
        <div data-testid="orders-empty" className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {filtered ? (
            <p>
              No orders match these filters.{' '}
              <Link href="/dashboard/orders" className="font-semibold underline">
                Show all orders
              </Link>
            </p>
          ) : (
            <p>No orders yet. They appear here as soon as customers check out.</p>
          )}
        </div>
      ) : (
        <>
          <p role="status" data-testid="orders-summary" className="text-sm text-slate-700">
            {list.total.orders === 1 ? '1 order' : `${list.total.orders} orders`}
            {list.total.currency ? (
              <>
                {' '}
                · <span className="font-semibold">{formatMoney(list.total.grossCents, list.total.currency)}</span> incl. VAT
              </>
            ) : null}
            {list.pageCount > 1 ? (
              <>
                {' '}
                · showing {first}–{first + list.rows.length - 1}
              </>
            ) : null}
          </p>
          <OrderTable rows={list.rows} timeZone={tenant.timeZone} />
          <OrderPagination filters={filters} page={list.page} pageCount={list.pageCount} />
        </>
      )}
    </div>
  );
}
