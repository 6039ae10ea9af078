import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CustomDomainSection } from '@/app/admin/(signed-in)/tenants/[id]/custom-domain-section';
import { AdminSection } from '@/components/admin/section';
import { TenantPlanForm, TenantSettingsForm, TenantStatusForm, TenantWorkflowPoolForm } from '@/app/admin/(signed-in)/tenants/[id]/tenant-forms';
import { TenantMoveForm } from '@/app/admin/(signed-in)/tenants/[id]/tenant-move-form';
import { TenantStatusBadge } from '@/components/admin/tenant-status-badge';
import { VisibilityScopeForm } from '@/app/admin/(signed-in)/tenants/[id]/visibility-scope-form';
import { listScopeOptions } from '@/lib/catalog/scope-options';
import { FOLLOW_PLAN_POOL, getTenantForAdmin } from '@/lib/tenancy/manage-tenants';
import { listTenantMoves } from '@/lib/tenancy/tenant-moves';
import { requireAdminPage } from '@/lib/auth/current-admin';
import { poolForTenant, workflowPoolConfig } from '@/inngest/pools';
import { isAppError } from '@/lib/errors';
import { tenantBaseUrl } from '@/lib/tenancy/tenant-url';
import { timeZoneOptions } from '@/lib/time/time-zone';

export const metadata: Metadata = { title: 'Tenant' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function loadTenant(id: string) {
  try {
    return await getTenantForAdmin(id);
  } catch (error) {
    if (isAppError(error, 'NOT_FOUND')) notFound();
    throw error;
  }
}

export default async function AdminTenantPage({ params, searchParams }: Props) {
  await requireAdminPage();
  const tenant = await loadTenant((await params).id);
  const [options, query, moves] = await Promise.all([listScopeOptions(), searchParams, listTenantMoves(tenant.id)]);
  const shopUrl = tenantBaseUrl(tenant);
  const poolConfig = workflowPoolConfig();
  return (
    <div className="space-y-5">
      <Link href="/" className="text-sm underline">
        ← Tenants
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold break-words">{tenant.name}</h1>
        <TenantStatusBadge active={tenant.isActive} />
      </div>
      <p className="text-sm text-slate-600">
        <a href={shopUrl} className="font-mono underline break-all">
          {shopUrl.replace(/^https?:\/\//, '')}
        </a>{' '}
        · <span className="capitalize">{tenant.plan}</span> ·{' '}
        <Link href={`/audit?tenant=${tenant.id}`} className="underline">
          Audit log
        </Link>
      </p>
      {query.created ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Tenant created. The owner has been emailed an invitation to the dashboard.
        </p>
      ) : null}
      <div className="grid gap-5 lg:grid-cols-[2fr_1fr]">
        <div className="min-w-0 space-y-5">
          <AdminSection id="settings" title="Settings">
            <TenantSettingsForm
              tenantId={tenant.id}
              initial={{
                name: tenant.name,
                tagline: tenant.tagline ?? '',
                salesMode: tenant.salesMode,
                vatRate: String(tenant.vatRateBp / 100),
                paymentTimeoutMinutes: String(tenant.paymentTimeoutMinutes),
                timeZone: tenant.timeZone,
              }}
              timeZones={timeZoneOptions(tenant.timeZone)}
            />
          </AdminSection>
          <CustomDomainSection tenant={tenant} />
          <AdminSection id="scope" title="Visibility scope" description="What this shop may choose its assortment from.">
            <VisibilityScopeForm tenantId={tenant.id} scope={tenant.visibilityScope} options={options} />
          </AdminSection>
        </div>
        {/* On a phone, status and plan come first: they are what an operator most often changes. */}
        <div className="order-first min-w-0 space-y-5 lg:order-none">
          <AdminSection id="status" title="Status">
            <TenantStatusForm tenantId={tenant.id} isActive={tenant.isActive} />
          </AdminSection>
          <AdminSection id="plan" title="Plan">
            <TenantPlanForm tenantId={tenant.id} plan={tenant.plan} />
          </AdminSection>
          <AdminSection id="workflow-pool" title="Workflow pool">
            <p className="text-sm">
              New orders run in:{' '}
              <span className="font-mono" data-testid="tenant-workflow-pool">
                {poolForTenant(tenant, poolConfig)}
              </span>
            </p>
            <p className="mt-2 mb-4 text-xs text-slate-600">
              Which workers run this shop’s orders. A change counts for the next order; orders already running finish where they are.
            </p>
            <TenantWorkflowPoolForm
              tenantId={tenant.id}
              override={tenant.workflowPool}
              planPool={poolForTenant({ plan: tenant.plan, workflowPool: null }, poolConfig)}
              pools={poolConfig.pools}
              followPlan={FOLLOW_PLAN_POOL}
            />
          </AdminSection>
          <AdminSection id="database" title="Dedicated database">
            <p className="text-sm">
              Data lives in:{' '}
              <span className="font-mono" data-testid="tenant-database">
                {tenant.dedicatedDatabase ?? 'shared'}
              </span>
            </p>
            <p className="mt-2 text-xs text-slate-600">The plan alone changes nothing here; moving the data is this separate, resumable step.</p>
            {tenant.dedicatedDatabase ? null : (
              <div className="mt-4">
                <TenantMoveForm tenantId={tenant.id} suggestion={tenant.subdomain.replace(/[^a-z0-9]/g, '_')} />
              </div>
            )}
            {moves.length > 0 ? (
              <ul className="mt-4 space-y-1 text-xs text-slate-600" data-testid="tenant-moves">
                {moves.map((m) => (
                  <li key={m.id}>
                    {m.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC — {m.fromConnection} → {m.toConnection}: {m.status}
                    {m.error ? ` (${m.error})` : ''}
                  </li>
                ))}
              </ul>
            ) : null}
          </AdminSection>
        </div>
      </div>
    </div>
  );
}
