import { formatDateTime } from '@/lib/time/format-date-time';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Customer } from '@/db/schema';
import { CustomerDecisionForms } from '@/app/dashboard/[host]/(signed-in)/customers/[id]/customer-decision-forms';
import { CustomerHistory } from '@/components/dashboard/customer-history';
import { CustomerMarginForm } from '@/app/dashboard/[host]/(signed-in)/customers/[id]/customer-margin-form';
import { CustomerOrders } from '@/components/dashboard/customer-orders';
import { CustomerStatusBadges } from '@/components/dashboard/customer-status-badge';
import { requireStaffPage } from '@/lib/auth/current-staff';
import { allowedDecisions } from '@/lib/customers/customer-decisions';
import { getCustomerDetail } from '@/lib/customers/customer-detail';
import { approvalTypeLabel, reviewReasonLabel, vatCheckLabel } from '@/lib/customers/customer-labels';
import { formatMarginBp } from '@/lib/customers/set-customer-margin';
import { getShop } from '@/lib/tenancy/current-shop';

export const metadata: Metadata = { title: 'Customer' };

type Props = { params: Promise<{ host: string; id: string }> };

const card = 'rounded-lg border border-slate-200 bg-white p-5 text-sm';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-2 py-1">
      <dt className="text-slate-600">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function statusText(c: Customer): string {
  if (c.status === 'pending_approval') return 'Waiting for approval';
  if (c.status === 'rejected') return c.reviewReason === 'revoked' ? 'Approval revoked' : 'Rejected';
  return c.approvalType ? `Active, ${approvalTypeLabel[c.approvalType]}` : 'Active';
}

export default async function CustomerPage({ params }: Props) {
  const { host, id } = await params;
  const { tenant } = await getShop(host);
  await requireStaffPage(tenant.id);
  const detail = await getCustomerDetail(tenant.id, id);
  if (!detail) notFound();
  const { customer: c, orders, orderCount, history } = detail;
  const decisions = allowedDecisions(c.status, c.approvalType);
  const reason = c.reviewReason ? (reviewReasonLabel[c.reviewReason] ?? c.reviewReason) : null;
  return (
    <div className="space-y-6">
      <Link href="/dashboard/customers" className="text-sm font-semibold underline">
        ← All customers
      </Link>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold break-words">{c.name}</h1>
        <CustomerStatusBadges customer={c} timeZone={tenant.timeZone} />
      </div>
      <section aria-labelledby="account-heading" className={card}>
        <h2 id="account-heading" className="font-semibold">
          Account
        </h2>
        <dl className="mt-2">
          <Row label="Status">
            <span data-testid="customer-status-text">{statusText(c)}</span>
            {c.approvedAt && c.status === 'active' ? (
              <span className="block text-xs text-slate-600">since {formatDateTime(c.approvedAt, tenant.timeZone, 'long-date')}</span>
            ) : null}
            {c.approvalExpiresAt ? (
              <span className="block text-xs text-slate-600">temporary, until {formatDateTime(c.approvalExpiresAt, tenant.timeZone, 'long-date')}</span>
            ) : null}
          </Row>
          {reason ? <Row label="Reason">{reason}</Row> : null}
        </dl>
        <div className="mt-4 border-t border-slate-100 pt-4">
          <CustomerDecisionForms customerId={c.id} decisions={decisions} />
        </div>
      </section>
      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="contact-heading" className={card}>
          <h2 id="contact-heading" className="font-semibold">
            Contact
          </h2>
          <dl className="mt-2">
            <Row label="Email">
              <a className="underline" href={`mailto:${c.email}`} data-testid="customer-email">
                {c.email}
              </a>
            </Row>
            <Row label="Phone">{c.phone ?? <span className="text-slate-400">—</span>}</Row>
            <Row label="Registered">{formatDateTime(c.createdAt, tenant.timeZone, 'long-date')}</Row>
          </dl>
        </section>
        <section aria-labelledby="company-heading" className={card}>
          <h2 id="company-heading" className="font-semibold">
            Company
          </h2>
          <dl className="mt-2">
            <Row label="Company">{c.companyName ?? <span className="text-slate-400">—</span>}</Row>
            <Row label="VAT number">{c.vatNumber ? <span className="font-mono">{c.vatNumber}</span> : <span className="text-slate-400">—</span>}</Row>
            <Row label="VAT check">
              <span data-testid="vat-check">{vatCheckLabel[c.vatCheck]}</span>
            </Row>
            <Row label="Country">{c.countryCode ?? <span className="text-slate-400">—</span>}</Row>
          </dl>
        </section>
      </div>
      <section aria-labelledby="pricing-heading" className={card}>
        <h2 id="pricing-heading" className="font-semibold">
          Margin or discount
        </h2>
        <p className="mt-1 text-slate-600">
          Now:{' '}
          <span className="font-semibold text-slate-900" data-testid="customer-margin">
            {formatMarginBp(c.marginBp)}
          </span>
          {c.marginBp < 0 ? ' (a discount)' : c.marginBp > 0 ? ' (a surcharge)' : ' (your normal prices)'}
        </p>
        <div className="mt-3 max-w-sm">
          <CustomerMarginForm customerId={c.id} marginBp={c.marginBp} />
        </div>
      </section>
      <section aria-labelledby="orders-heading" className={card}>
        <h2 id="orders-heading" className="font-semibold">
          Orders <span className="font-normal text-slate-600">({orderCount})</span>
        </h2>
        <CustomerOrders orders={orders} orderCount={orderCount} timeZone={tenant.timeZone} />
      </section>
      <section aria-labelledby="history-heading" className={card}>
        <h2 id="history-heading" className="font-semibold">
          History
        </h2>
        <CustomerHistory history={history} timeZone={tenant.timeZone} />
      </section>
    </div>
  );
}
