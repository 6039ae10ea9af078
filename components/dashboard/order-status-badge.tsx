import { clsx } from 'clsx';
import { orderStatusLabel } from '@/lib/orders/customer-orders';

const tones: Record<string, string> = {
  awaiting_payment: 'bg-amber-100 text-amber-900',
  paid: 'bg-sky-100 text-sky-900',
  fulfilling: 'bg-indigo-100 text-indigo-900',
  fulfilled: 'bg-emerald-100 text-emerald-900',
  cancelled: 'bg-slate-200 text-slate-800',
  refunded: 'bg-rose-100 text-rose-900',
};

export function OrderStatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <span data-testid={testId} className={clsx('inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold whitespace-nowrap', tones[status] ?? 'bg-slate-100')}>
      {orderStatusLabel[status] ?? status}
    </span>
  );
}
