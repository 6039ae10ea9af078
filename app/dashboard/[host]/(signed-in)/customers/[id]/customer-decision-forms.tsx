'use client';

import { useActionState } from 'react';
import { decideCustomerAction } from '@/app/dashboard/[host]/(signed-in)/customers/actions';
import { FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import type { CustomerDecision } from '@/lib/customers/customer-decisions';
import { idleFormState } from '@/lib/forms/form-state';

const buttons: Record<CustomerDecision, { label: string; pending: string; className: string }> = {
  approve: { label: 'Approve', pending: 'Approving…', className: 'bg-emerald-700 text-white hover:bg-emerald-800' },
  reject: { label: 'Reject', pending: 'Rejecting…', className: 'border border-red-300 bg-white text-red-800 hover:bg-red-50' },
  revoke: { label: 'Revoke approval', pending: 'Revoking…', className: 'border border-red-300 bg-white text-red-800 hover:bg-red-50' },
};

const explanations: Record<CustomerDecision, string> = {
  approve: 'Approve: the customer can order, for good, and gets an email.',
  reject: 'Reject: the registration is refused and the customer gets an email.',
  revoke: 'Revoke: the customer can no longer order and gets an email.',
};

/** One form per decision that fits the account's status; the server re-checks that it still fits. */
export function CustomerDecisionForms({ customerId, decisions }: { customerId: string; decisions: CustomerDecision[] }) {
  const [state, action] = useActionState(decideCustomerAction, idleFormState);
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      <div className="flex flex-wrap gap-2">
        {decisions.map((decision) => (
          <form key={decision} action={action}>
            <input type="hidden" name="customerId" value={customerId} />
            <input type="hidden" name="decision" value={decision} />
            <SubmitButton
              pendingLabel={buttons[decision].pending}
              className={`rounded-md px-4 py-2 text-sm font-semibold disabled:opacity-60 ${buttons[decision].className}`}
            >
              {buttons[decision].label}
            </SubmitButton>
          </form>
        ))}
      </div>
      <ul className="space-y-0.5 text-xs text-slate-600">
        {decisions.map((decision) => (
          <li key={decision}>{explanations[decision]}</li>
        ))}
      </ul>
    </div>
  );
}
