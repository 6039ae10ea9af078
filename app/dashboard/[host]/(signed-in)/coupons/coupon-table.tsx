import type { CouponRow } from '@/lib/coupons/manage-coupons';
import { formatMoney } from '@/lib/pricing/resolve-price';
import { CouponRetireForm } from '@/app/dashboard/[host]/(signed-in)/coupons/coupon-retire-form';
import { CouponStatusBadge } from '@/components/dashboard/coupon-status-badge';
import { DEFAULT_TIME_ZONE } from '@/lib/time/time-zone';

const shortDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: DEFAULT_TIME_ZONE });

function discount({ coupon }: CouponRow, currency: string): string {
  if (coupon.kind === 'percent') return `${((coupon.percentBp ?? 0) / 100).toLocaleString('en-GB', { maximumFractionDigits: 2 })} % off`;
  return `${formatMoney(coupon.amountCents ?? 0, currency)} off`;
}

function conditions({ coupon }: CouponRow, currency: string): string {
  const parts: string[] = [];
  if (coupon.minOrderNetCents > 0) parts.push(`from ${formatMoney(coupon.minOrderNetCents, currency)} excl. VAT`);
  if (coupon.maxPerCustomer !== null) parts.push(`${coupon.maxPerCustomer}× per customer`);
  return parts.length ? parts.join(' · ') : 'Any order';
}

function validity({ coupon }: CouponRow): string {
  // validUntil is the first moment it no longer works; the owner thinks in last days.
  const until = coupon.validUntil ? shortDate.format(new Date(coupon.validUntil.getTime() - 1)) : null;
  return until ? `${shortDate.format(coupon.validFrom)} – ${until}` : `From ${shortDate.format(coupon.validFrom)}`;
}

const uses = (row: CouponRow) => `${row.redemptions}${row.coupon.maxRedemptions !== null ? ` of ${row.coupon.maxRedemptions}` : ''}`;

/** A table from `md` up; on a phone each coupon is a stacked card. */
export function CouponTable({ rows, currency }: { rows: CouponRow[]; currency: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <table className="hidden w-full text-sm md:table">
        <thead className="text-left text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">
              Code
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              Discount
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              Valid
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              Status
            </th>
            <th scope="col" className="px-4 py-3 text-right font-medium">
              Used
            </th>
            <th scope="col" className="px-4 py-3">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.coupon.id} className="border-t border-slate-100 align-top" data-testid="coupon-row" data-code={row.coupon.code}>
              <td className="px-4 py-3 font-mono font-semibold">{row.coupon.code}</td>
              <td className="px-4 py-3">
                {discount(row, currency)}
                <span className="block text-xs text-slate-500">{conditions(row, currency)}</span>
              </td>
              <td className="px-4 py-3 whitespace-nowrap">{validity(row)}</td>
              <td className="px-4 py-3">
                <CouponStatusBadge status={row.status} />
              </td>
              <td className="px-4 py-3 text-right tabular-nums" data-testid="coupon-uses">
                {uses(row)}
                {row.customers > 0 ? (
                  <span className="block text-xs text-slate-500">
                    {row.customers} {row.customers === 1 ? 'customer' : 'customers'}
                  </span>
                ) : null}
              </td>
              <td className="px-4 py-3 text-right">{row.coupon.active ? <CouponRetireForm couponId={row.coupon.id} code={row.coupon.code} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="divide-y divide-slate-100 md:hidden">
        {rows.map((row) => (
          <li key={row.coupon.id} className="space-y-1 p-4 text-sm" data-testid="coupon-card" data-code={row.coupon.code}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <span className="font-mono font-semibold">{row.coupon.code}</span>
              <CouponStatusBadge status={row.status} />
            </div>
            <p>
              {discount(row, currency)} · <span className="text-slate-600">{conditions(row, currency)}</span>
            </p>
            <p className="text-xs text-slate-500">
              {validity(row)} · Used {uses(row)}
            </p>
            {row.coupon.active ? (
              <div className="pt-1">
                <CouponRetireForm couponId={row.coupon.id} code={row.coupon.code} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
