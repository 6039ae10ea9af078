import { clsx } from 'clsx';
import type { SummaryRow } from '@/lib/orders/price-presentation';
import { formatMoney } from '@/lib/pricing/resolve-price';

/** The totals under a cart, checkout or order, labelled as the shop shows prices (see price-presentation). */
export function SummaryRows({
  rows,
  currency,
  discountTestId,
  totalTestId,
}: {
  rows: SummaryRow[];
  currency: string;
  discountTestId?: string;
  totalTestId?: string;
}) {
  return (
    <dl className="space-y-1 text-sm">
      {rows.map((row) => (
        <div
          key={row.key}
          data-testid={row.key === 'discount' ? discountTestId : row.key === 'total' ? totalTestId : `summary-${row.key}`}
          className={clsx('flex justify-between gap-3', {
            'text-emerald-800': row.key === 'discount',
            // A total that opens the block (a cart without discounts) needs no rule above it.
            'border-t border-slate-200 pt-2 text-lg font-bold first:border-t-0 first:pt-0': row.key === 'total',
            'text-slate-600': row.key === 'vat',
          })}
        >
          <dt>{row.label}</dt>
          <dd className="shrink-0 tabular-nums">{row.cents < 0 ? `−${formatMoney(-row.cents, currency)}` : formatMoney(row.cents, currency)}</dd>
        </div>
      ))}
    </dl>
  );
}
