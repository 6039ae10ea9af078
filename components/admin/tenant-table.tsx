import Link from 'next/link';
import type { Tenant } from '@/db/schema';
import { TenantStatusBadge } from './tenant-status-badge';

function DomainCell({ tenant }: { tenant: Tenant }) {
  if (!tenant.customDomain) return <span className="text-slate-400">—</span>;
  return (
    <span className="font-mono">
      {tenant.customDomain}
      {tenant.customDomainVerifiedAt ? null : <span className="ml-1 font-sans text-xs text-amber-700">(unverified)</span>}
    </span>
  );
}

/** The tenants as a table from `sm` up, as cards on a phone. */
export function TenantTable({ rows }: { rows: Tenant[] }) {
  if (rows.length === 0) return <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">No tenants match.</p>;
  return (
    <>
      <ul className="space-y-2 sm:hidden" aria-label="Tenants">
        {rows.map((t) => (
          <li key={t.id} className="rounded-lg border border-slate-200 bg-white p-3">
            <div className="flex items-center justify-between gap-2">
              <Link href={`/tenants/${t.id}`} className="font-semibold underline">
                {t.name}
              </Link>
              <TenantStatusBadge active={t.isActive} />
            </div>
            <p className="mt-1 font-mono text-sm text-slate-700">{t.subdomain}</p>
            {t.customDomain ? (
              <p className="mt-1 text-sm break-all">
                <DomainCell tenant={t} />
              </p>
            ) : null}
            <p className="mt-1 text-sm text-slate-600">
              {t.salesMode.toUpperCase()} · <span className="capitalize">{t.plan}</span> · {t.dedicatedDatabase ? 'dedicated database' : 'shared database'}
            </p>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white sm:block">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-100 text-slate-600">
            <tr>
              <th className="px-4 py-2 font-medium">Shop</th>
              <th className="px-4 py-2 font-medium">Subdomain</th>
              <th className="px-4 py-2 font-medium">Custom domain</th>
              <th className="px-4 py-2 font-medium">Mode</th>
              <th className="px-4 py-2 font-medium">Plan</th>
              <th className="px-4 py-2 font-medium">Database</th>
              <th className="px-4 py-2 font-medium">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <tr key={t.id} className="border-t border-slate-100">
                <td className="px-4 py-2 font-medium">
                  <Link href={`/tenants/${t.id}`} className="underline">
                    {t.name}
                  </Link>
                </td>
                <td className="px-4 py-2 font-mono">{t.subdomain}</td>
                <td className="px-4 py-2">
                  <DomainCell tenant={t} />
                </td>
                <td className="px-4 py-2 uppercase">{t.salesMode}</td>
                <td className="px-4 py-2 capitalize">{t.plan}</td>
                <td className="px-4 py-2">{t.dedicatedDatabase ? `dedicated (${t.dedicatedDatabase})` : 'shared'}</td>
                <td className="px-4 py-2">
                  <TenantStatusBadge active={t.isActive} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
