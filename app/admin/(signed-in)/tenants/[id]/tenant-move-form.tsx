'use client';

import { useActionState } from 'react';
import { moveTenantAction } from '@/app/admin/(signed-in)/tenants/actions';
import { Field, FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState } from '@/lib/forms/form-state';
import { adminSecondaryButton } from '@/components/admin/styles';

/** Starts (or resumes) the move of a shop's data to its own database. */
export function TenantMoveForm({ tenantId, suggestion }: { tenantId: string; suggestion: string }) {
  const [state, action] = useActionState(moveTenantAction, idleFormState);
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="tenantId" value={tenantId} />
      <Field
        name="target"
        label="Dedicated database name"
        required
        defaultValue={state.values?.target ?? suggestion}
        error={state.fieldErrors?.target}
        hint="The shop keeps selling while its data is copied; writes pause for a moment while the last changes are copied, verified and the shop is switched."
      />
      <SubmitButton pendingLabel="Moving… (this can take a while)" className={adminSecondaryButton}>
        Move to a dedicated database
      </SubmitButton>
    </form>
  );
}
