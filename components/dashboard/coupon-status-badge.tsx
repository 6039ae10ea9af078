import { clsx } from 'clsx';
import type { CouponStatus } from '@/lib/coupons/manage-coupons';

const tones: Record<CouponStatus, string> = {
  active: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  scheduled: 'bg-sky-100 text-sky-900 ring-sky-300',
  expired: 'bg-slate-100 text-slate-700 ring-slate-300',
  retired: 'bg-slate-100 text-slate-700 ring-slate-300',
  used_up: 'bg-amber-100 text-amber-900 ring-amber-300',
};

const couponStatusLabel: Record<CouponStatus, string> = {
  active: 'Active',
  scheduled: 'Scheduled',
  expired: 'Expired',
  retired: 'Retired',
  used_up: 'Used up',
};

export function CouponStatusBadge({ status }: { status: CouponStatus }) {
  return (
    <span
      data-testid="coupon-status"
      className={clsx('inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ring-inset', tones[status])}
    >
      {couponStatusLabel[status]}
    </span>
  );
}
