import type { Metadata } from 'next';
import Link from 'next/link';
import { adminButton } from '@/components/admin/styles';
import { TenantFilters } from '@/components/admin/tenant-filters';
import { TenantTable } from '@/components/admin/tenant-table';
import { listTenants } from '@/lib/tenancy/manage-tenants';
import { requireAdminPage } from '@/lib/auth/current-admin';

export const metadata: Metadata = { title: 'Tenants' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminTenantsPage({ searchParams }: Props) {
  await requireAdminPage();
  const { query, rows, counts } = await listTenants(await searchParams);
  const stats = [
    { label: 'Tenants', value: counts.total },
    { label: 'Active', value: counts.active },
    { label: 'Inactive', value: counts.inactive },
    { label: 'Premium', value: counts.premium },
  ];
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Tenants</h1>
        <Link href="/tenants/new" className={adminButton}>
          New tenant
        </Link>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {stats.map((s) => (
          <div key={s.label} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs font-medium text-slate-500 uppercase">{s.label}</dt>
            <dd className="text-2xl font-bold tabular-nums">{s.value}</dd>
          </div>
        ))}
      </dl>
      <TenantFilters query={query} />
      <p className="text-sm text-slate-600" role="status">
        {rows.length === 1 ? '1 tenant shown' : `${rows.length} tenants shown`}
      </p>
      <TenantTable rows={rows} />
    </div>
  );
}
