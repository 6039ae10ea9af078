'use client';

import { useActionState } from 'react';
import { applyBulkPriceAction } from '@/app/admin/(signed-in)/catalog/actions';
import { FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState } from '@/lib/forms/form-state';
import { adminDangerButton } from '@/components/admin/styles';

/** Applies the previewed change; the server refuses it if the selection changed since the preview. */
export function BulkPriceConfirm({ fields, label }: { fields: Record<string, string>; label: string }) {
  const [state, action] = useActionState(applyBulkPriceAction, idleFormState);
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {state.status === 'success' ? null : (
        <SubmitButton pendingLabel="Changing prices…" className={adminDangerButton}>
          {label}
        </SubmitButton>
      )}
    </form>
  );
}
