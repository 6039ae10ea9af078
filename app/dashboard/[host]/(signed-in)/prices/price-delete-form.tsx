'use client';

import { useActionState } from 'react';
import { deletePriceOverrideAction } from '@/app/dashboard/[host]/(signed-in)/prices/actions';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState } from '@/lib/forms/form-state';

/** Withdraws one current or future override; the server re-checks that it belongs to this shop and has not ended. */
export function PriceDeleteForm({ overrideId, label }: { overrideId: number; label: string }) {
  const [state, action] = useActionState(deletePriceOverrideAction, idleFormState);
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name="overrideId" value={overrideId} />
      <SubmitButton
        pendingLabel="Deleting…"
        className="rounded-md border border-red-300 bg-white px-3 py-1 text-xs font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60"
      >
        Delete<span className="sr-only"> {label}</span>
      </SubmitButton>
      {state.status === 'error' ? (
        <p role="alert" className="text-xs text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
