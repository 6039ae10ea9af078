import type { Metadata } from 'next';
import Link from 'next/link';
import { RevenueChart } from '@/components/dashboard/revenue-chart';
import { loadDashboardOverview, type AttentionOrder } from '@/lib/orders/sales-overview';
import { ORDER_STATUS } from '@/lib/orders/order-status';
import { formatMoney } from '@/lib/pricing/resolve-price';
import { getShop } from '@/lib/tenancy/current-shop';

export const metadata: Metadata = { title: 'Overview' };

type Props = { params: Promise<{ host: string }> };

const attentionText: Record<AttentionOrder['reason'], string> = {
  refunded_after_failed_fulfilment: 'The warehouse could not ship it; the payment was refunded',
  cancelled_by_warehouse: 'The warehouse could not ship it; the order was cancelled',
  payment_due_soon: 'Card payment still missing; cancelled automatically soon',
  stuck_at_warehouse: 'At the warehouse for over an hour without a parcel',
};

function Stat({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid={testId}>
      <p className="text-sm text-slate-600">{label}</p>
      <p className="mt-1 text-2xl font-bold">{value}</p>
      {detail ? <p className="text-sm text-slate-600">{detail}</p> : null}
    </div>
  );
}

export default async function DashboardOverviewPage({ params }: Props) {
  const { tenant } = await getShop((await params).host);
  const overview = await loadDashboardOverview(tenant);
  const money = (cents: number) => formatMoney(cents, tenant.currency);
  const orders = (n: number) => `${n} ${n === 1 ? 'order' : 'orders'}`;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Overview</h1>
      <section aria-label="Sales" className="grid gap-4 sm:grid-cols-3">
        <Stat testId="stat-today" label="Today" value={money(overview.today.grossCents)} detail={orders(overview.today.orders)} />
        <Stat testId="stat-month" label="This month" value={money(overview.month.grossCents)} detail={orders(overview.month.orders)} />
        <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="stat-pending">
          <p className="text-sm text-slate-600">Customers awaiting approval</p>
          <p className="mt-1 text-2xl font-bold">{overview.pendingCustomers}</p>
          <Link href="/dashboard/customers?status=pending_approval" className="text-sm font-semibold underline">
            Review
          </Link>
        </div>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">Sales, last 30 days</h2>
        <p className="text-sm text-slate-600">Orders not cancelled or refunded, incl. VAT, by the day they were placed.</p>
        <div className="mt-3">
          <RevenueChart days={overview.last30Days} format={money} />
        </div>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="attention-title">
        <h2 id="attention-title" className="font-semibold">
          Orders needing attention
        </h2>
        {overview.attention.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600" data-testid="attention-empty">
            Nothing needs your attention. Orders with a failed delivery or a payment about to expire show up here.
          </p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100" data-testid="attention-list">
            {overview.attention.map((o) => (
              <li key={o.number} className="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm">
                <Link href={`/dashboard/orders/${o.number}`} className="font-semibold underline">
                  Order {o.number}
                </Link>
                <span className="text-slate-700">{attentionText[o.reason]}</span>
                <span className="text-slate-600">
                  {ORDER_STATUS[o.status].label} · {money(o.grossCents)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
