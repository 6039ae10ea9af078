import type { Metadata } from 'next';
import { adminSecondaryButton } from '@/components/admin/styles';
import { ReadModelFreshness } from '@/components/admin/read-model-freshness';
import { listOrdersAcrossTenants } from '@/lib/platform-read-model/cross-tenant';
import { listTenantChoices } from '@/lib/tenancy/manage-tenants';
import { requireAdminPage } from '@/lib/auth/current-admin';
import { TenantSelect } from '@/components/admin/tenant-select';
import { isUuid } from '@/lib/ids';
import { formatMoney } from '@/lib/pricing/resolve-price';
import { formatDateTime } from '@/lib/time/format-date-time';

export const metadata: Metadata = { title: 'Orders' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminOrdersPage({ searchParams }: Props) {
  const admin = await requireAdminPage();
  const query = await searchParams;
  const tenantId = typeof query.tenant === 'string' && isUuid(query.tenant) ? query.tenant : undefined;
  const [{ orders: rows, freshness }, tenantList] = await Promise.all([listOrdersAcrossTenants(admin, { tenantId, limit: 100 }), listTenantChoices()]);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">Orders across tenants</h1>
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <div className="min-w-0 flex-1 sm:max-w-xs">
          <TenantSelect id="orders-tenant" tenants={tenantList} value={tenantId} />
        </div>
        <button type="submit" className={adminSecondaryButton}>
          Filter
        </button>
      </form>
      <p className="text-sm text-slate-600">The newest {rows.length} orders, each placed at the time shown in its shop’s time zone.</p>
      <ReadModelFreshness upTo={freshness.upTo} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-100 text-slate-600">
            <tr>
              <th className="px-4 py-2 font-medium">Placed</th>
              <th className="px-4 py-2 font-medium">Shop</th>
              <th className="px-4 py-2 font-medium">Order</th>
              <th className="px-4 py-2 font-medium">Customer</th>
              <th className="px-4 py-2 font-medium">Status</th>
              <th className="px-4 py-2 text-right font-medium">Total</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <tr key={`${o.tenantId}:${o.number}`} className="border-t border-slate-100">
                <td className="px-4 py-2 whitespace-nowrap tabular-nums">
                  <time dateTime={o.placedAt.toISOString()}>{formatDateTime(o.placedAt, o.tenantTimeZone)}</time>
                </td>
                <td className="px-4 py-2">{o.tenantName}</td>
                <td className="px-4 py-2 tabular-nums">#{o.number}</td>
                <td className="px-4 py-2">{o.customerName}</td>
                <td className="px-4 py-2">{o.status.replaceAll('_', ' ')}</td>
                <td className="px-4 py-2 text-right tabular-nums">{formatMoney(o.grossCents, o.currency)}</td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-4 py-6 text-center text-slate-600">
                  No orders yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
