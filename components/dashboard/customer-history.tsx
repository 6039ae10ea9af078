import { formatDateTime } from '@/lib/time/format-date-time';
import type { CustomerDetail } from '@/lib/customers/customer-detail';
import { auditActionLabel } from '@/lib/customers/customer-labels';
import { formatMarginBp } from '@/lib/customers/set-customer-margin';

function describe(entry: CustomerDetail['history'][number]): string {
  const label = auditActionLabel[entry.action] ?? entry.action;
  const d = entry.details ?? {};
  if (entry.action === 'customer.margin_set' && typeof d.fromBp === 'number' && typeof d.toBp === 'number') {
    return `${label} from ${formatMarginBp(d.fromBp)} to ${formatMarginBp(d.toBp)}`;
  }
  return label;
}

/** Who decided what about this account, newest first. */
export function CustomerHistory({ history, timeZone }: Pick<CustomerDetail, 'history'> & { timeZone: string }) {
  if (history.length === 0) return <p className="mt-2 text-slate-600">No decisions yet.</p>;
  return (
    <ol className="mt-2 space-y-1" data-testid="customer-history">
      {history.map((entry) => (
        <li key={entry.id}>
          <time dateTime={entry.createdAt.toISOString()} className="text-slate-600">
            {formatDateTime(entry.createdAt, timeZone)}
          </time>
          {' — '}
          {describe(entry)} <span className="text-slate-600">by {entry.actor}</span>
        </li>
      ))}
    </ol>
  );
}
