import type { Tenant } from '@/db/schema';
import { verificationRecord } from '@/lib/tenancy/custom-domain';
import { CheckDomainForm, CustomDomainForm } from '@/app/admin/(signed-in)/tenants/[id]/domain-forms';
import { AdminSection } from '@/components/admin/section';

export function CustomDomainSection({ tenant }: { tenant: Tenant }) {
  const record =
    tenant.customDomain && tenant.customDomainVerificationToken ? verificationRecord(tenant.customDomain, tenant.customDomainVerificationToken) : null;
  return (
    <AdminSection id="domain" title="Custom domain" description="The shop answers on its own domain once a DNS TXT record proves the domain is the shop’s.">
      <div className="space-y-4">
        <CustomDomainForm tenantId={tenant.id} domain={tenant.customDomain} />
        {tenant.customDomain && tenant.customDomainVerifiedAt ? (
          <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            Verified on {tenant.customDomainVerifiedAt.toISOString().slice(0, 10)}: the shop answers on <span className="font-mono">{tenant.customDomain}</span>
            .
          </p>
        ) : null}
        {record && !tenant.customDomainVerifiedAt ? (
          <div className="space-y-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
            <p className="font-medium text-amber-900">Not verified yet. Create this TXT record at the domain’s DNS provider:</p>
            <dl className="grid gap-1 sm:grid-cols-[6rem_1fr]">
              <dt className="text-slate-600">Name</dt>
              <dd className="font-mono break-all" data-testid="txt-name">
                {record.name}
              </dd>
              <dt className="text-slate-600">Value</dt>
              <dd className="font-mono break-all" data-testid="txt-value">
                {record.value}
              </dd>
            </dl>
            <CheckDomainForm tenantId={tenant.id} />
          </div>
        ) : null}
      </div>
    </AdminSection>
  );
}
