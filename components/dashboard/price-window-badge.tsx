import { clsx } from 'clsx';
import type { WindowStatus } from '@/lib/pricing/price-windows';

const tones: Record<WindowStatus, string> = {
  past: 'bg-slate-100 text-slate-700 ring-slate-300',
  current: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  superseded: 'bg-amber-100 text-amber-900 ring-amber-300',
  future: 'bg-sky-100 text-sky-900 ring-sky-300',
};

const windowStatusLabel: Record<WindowStatus, string> = {
  past: 'Past',
  current: 'Current',
  superseded: 'Overruled',
  future: 'Future',
};

export function PriceWindowBadge({ status }: { status: WindowStatus }) {
  return (
    <span
      data-testid="override-status"
      className={clsx('inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ring-inset', tones[status])}
    >
      {windowStatusLabel[status]}
    </span>
  );
}
