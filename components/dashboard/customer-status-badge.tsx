import { formatDateTime } from '@/lib/time/format-date-time';
import { clsx } from 'clsx';
import type { Customer } from '@/db/schema';
import { customerStatusLabel } from '@/lib/customers/customer-labels';
import { effectiveCustomerStatus } from '@/lib/registration/decide-registration';

const tones = {
  pending_approval: 'bg-amber-100 text-amber-900 ring-amber-300',
  active: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  rejected: 'bg-red-100 text-red-900 ring-red-300',
  expired: 'bg-amber-100 text-amber-900 ring-amber-300',
  temporary: 'bg-sky-100 text-sky-900 ring-sky-300',
} as const;

function Badge({ tone, children, testId }: { tone: keyof typeof tones; children: React.ReactNode; testId?: string }) {
  return (
    <span
      data-testid={testId}
      className={clsx('inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ring-inset', tones[tone])}
    >
      {children}
    </span>
  );
}

type Standing = Pick<Customer, 'status' | 'approvalType' | 'approvalExpiresAt' | 'reviewReason'>;

/**
 * The account's status, plus what needs the owner's eye: a temporary auto-approval and when it ends, or
 * one that has already ended but not yet been swept back into review.
 */
export function CustomerStatusBadges({ customer, timeZone, now = new Date() }: { customer: Standing; timeZone: string; now?: Date }) {
  const effective = effectiveCustomerStatus(customer, now);
  const revoked = customer.status === 'rejected' && customer.reviewReason === 'revoked';
  return (
    <span className="inline-flex flex-wrap gap-1">
      {effective === 'expired' ? (
        <Badge tone="expired" testId="customer-status">
          Approval expired
        </Badge>
      ) : (
        <Badge tone={customer.status} testId="customer-status">
          {revoked ? 'Revoked' : customerStatusLabel[customer.status]}
        </Badge>
      )}
      {effective === 'active' && customer.approvalExpiresAt ? (
        <Badge tone="temporary" testId="temporary-approval">
          Temporary until{' '}
          <time dateTime={customer.approvalExpiresAt.toISOString()} className="ml-1">
            {formatDateTime(customer.approvalExpiresAt, timeZone, 'date')}
          </time>
        </Badge>
      ) : null}
    </span>
  );
}
