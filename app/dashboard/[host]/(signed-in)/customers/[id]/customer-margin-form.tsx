'use client';

import { useActionState } from 'react';
import { setCustomerMarginAction } from '@/app/dashboard/[host]/(signed-in)/customers/actions';
import { Field, FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState } from '@/lib/forms/form-state';

/** The margin as a percentage; the stored value stays in basis points. */
export function CustomerMarginForm({ customerId, marginBp }: { customerId: string; marginBp: number }) {
  const [state, action] = useActionState(setCustomerMarginAction, idleFormState);
  const current = String(marginBp / 100);
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="customerId" value={customerId} />
      <Field
        name="marginPercent"
        label="Margin in %"
        inputMode="decimal"
        maxLength={12}
        required
        defaultValue={state.values?.marginPercent ?? current}
        error={state.fieldErrors?.marginPercent}
        hint="On top of your price for this customer: 10 adds 10 %, -7.5 gives a 7.5 % discount. From -50 to 100."
      />
      <SubmitButton pendingLabel="Saving…" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">
        Save margin
      </SubmitButton>
    </form>
  );
}
