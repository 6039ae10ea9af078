import type { Metadata } from 'next';
import Link from 'next/link';
import { adminSecondaryButton } from '@/components/admin/styles';
import { ReadModelFreshness } from '@/components/admin/read-model-freshness';
import { listCustomersAcrossTenants } from '@/lib/platform-read-model/cross-tenant';
import { listTenantChoices } from '@/lib/tenancy/manage-tenants';
import { requireAdminPage } from '@/lib/auth/current-admin';
import { TenantSelect } from '@/components/admin/tenant-select';
import { isUuid } from '@/lib/ids';

export const metadata: Metadata = { title: 'Customers' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const STATUS_LABEL: Record<string, string> = { pending_approval: 'Waiting for approval', active: 'Active', rejected: 'Rejected' };

export default async function AdminCustomersPage({ searchParams }: Props) {
  const admin = await requireAdminPage();
  const query = await searchParams;
  const tenantId = typeof query.tenant === 'string' && isUuid(query.tenant) ? query.tenant : undefined;
  const search = typeof query.q === 'string' ? query.q.trim().slice(0, 100) : '';
  const [{ customers: rows, freshness }, tenantList] = await Promise.all([
    listCustomersAcrossTenants(admin, { tenantId, search, limit: 100 }),
    listTenantChoices(),
  ]);
  const filtered = Boolean(tenantId || search);
  const control = 'w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base sm:text-sm';
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">Customers across tenants</h1>
      <form method="get" role="search" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
        <div>
          <label htmlFor="customers-q" className="mb-1 block text-sm font-medium">
            Name, company or email
          </label>
          <input id="customers-q" name="q" type="search" defaultValue={search} maxLength={100} className={control} />
        </div>
        <div>
          <TenantSelect id="customers-tenant" tenants={tenantList} value={tenantId} />
        </div>
        <div className="flex gap-2">
          <button type="submit" className={adminSecondaryButton}>
            Search
          </button>
          {filtered ? (
            <Link href="/customers" className="self-center text-sm underline">
              Clear
            </Link>
          ) : null}
        </div>
      </form>
      <p className="text-sm text-slate-600" role="status">
        {rows.length === 100 ? 'The newest 100 customers' : `${rows.length} customer${rows.length === 1 ? '' : 's'}`}
        {filtered ? ' matching' : ''}.
      </p>
      <ReadModelFreshness upTo={freshness.upTo} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-100 text-slate-600">
            <tr>
              <th className="px-4 py-2 font-medium">Customer</th>
              <th className="px-4 py-2 font-medium">Shop</th>
              <th className="hidden px-4 py-2 font-medium sm:table-cell">Status</th>
              <th className="hidden px-4 py-2 font-medium md:table-cell">Since</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={`${c.tenantId}:${c.id}`} className="border-t border-slate-100">
                <td className="px-4 py-2">
                  <span className="font-medium">{c.name}</span>
                  {c.companyName ? <span className="text-slate-600"> · {c.companyName}</span> : null}
                  <span className="block text-xs break-all text-slate-600">{c.email}</span>
                </td>
                <td className="px-4 py-2">
                  <Link href={`/tenants/${c.tenantId}`} className="underline-offset-2 hover:underline">
                    {c.tenantName}
                  </Link>
                </td>
                <td className="hidden px-4 py-2 sm:table-cell">{STATUS_LABEL[c.status] ?? c.status}</td>
                <td className="hidden px-4 py-2 whitespace-nowrap tabular-nums md:table-cell">{c.createdAt.toISOString().slice(0, 10)}</td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={4} className="px-4 py-6 text-center text-slate-600">
                  {filtered ? 'No customer matches.' : 'No customers yet.'}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
