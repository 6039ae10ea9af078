import type { Metadata } from 'next';
import Link from 'next/link';
import { listPlatformAudit } from '@/lib/audit/platform-audit';
import { adminSecondaryButton } from '@/components/admin/styles';
import { listTenantChoices } from '@/lib/tenancy/manage-tenants';
import { requireAdminPage } from '@/lib/auth/current-admin';
import { TenantSelect } from '@/components/admin/tenant-select';
import { isUuid } from '@/lib/ids';

export const metadata: Metadata = { title: 'Audit log' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminAuditPage({ searchParams }: Props) {
  await requireAdminPage();
  const query = await searchParams;
  const tenantId = typeof query.tenant === 'string' && isUuid(query.tenant) ? query.tenant : undefined;
  const page = Math.max(1, Number(query.page) || 1);
  const [audit, tenantList] = await Promise.all([listPlatformAudit({ tenantId, page }), listTenantChoices()]);
  const pageUrl = (n: number) => `/audit?${new URLSearchParams({ ...(tenantId ? { tenant: tenantId } : {}), page: String(n) })}`;
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">Audit log</h1>
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <div className="min-w-0 flex-1 sm:max-w-xs">
          <TenantSelect id="audit-tenant" tenants={tenantList} value={tenantId} />
        </div>
        <button type="submit" className={adminSecondaryButton}>
          Filter
        </button>
      </form>
      <p className="text-sm text-slate-600">
        {audit.total === 1 ? '1 entry' : `${audit.total} entries`} · page {audit.page} of {audit.pages} · times in UTC
      </p>
      <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label="Audit entries">
        {audit.rows.map((row) => (
          <li key={row.id} className="grid gap-1 p-3 text-sm sm:grid-cols-[11rem_1fr]">
            <time dateTime={row.createdAt.toISOString()} className="text-slate-600 tabular-nums">
              {row.createdAt.toISOString().replace('T', ' ').slice(0, 19)}
            </time>
            <div className="min-w-0">
              <p>
                <span className="font-mono font-semibold">{row.action}</span> by {row.actor}
                {row.tenantName ? (
                  <>
                    {' '}
                    on{' '}
                    <Link className="underline" href={`/tenants/${row.tenantId}`}>
                      {row.tenantName}
                    </Link>
                  </>
                ) : null}
              </p>
              {row.details && Object.keys(row.details).length ? (
                <p className="mt-1 font-mono text-xs break-all text-slate-600">{JSON.stringify(row.details)}</p>
              ) : null}
            </div>
          </li>
        ))}
        {audit.rows.length === 0 ? <li className="p-3 text-sm text-slate-600">Nothing recorded yet.</li> : null}
      </ol>
      <nav aria-label="Pages" className="flex gap-3 text-sm">
        {audit.page > 1 ? (
          <Link className="underline" href={pageUrl(audit.page - 1)}>
            ← Newer
          </Link>
        ) : null}
        {audit.page < audit.pages ? (
          <Link className="underline" href={pageUrl(audit.page + 1)}>
            Older →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
