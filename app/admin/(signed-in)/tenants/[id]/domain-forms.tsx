'use client';

import { useActionState } from 'react';
import { checkCustomDomainAction, setCustomDomainAction } from '@/app/admin/(signed-in)/tenants/actions';
import { Field, FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState } from '@/lib/forms/form-state';
import { adminButton, adminSecondaryButton } from '@/components/admin/styles';

export function CustomDomainForm({ tenantId, domain }: { tenantId: string; domain: string | null }) {
  const [state, action] = useActionState(setCustomDomainAction, idleFormState);
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="tenantId" value={tenantId} />
      <Field
        name="domain"
        label="Custom domain"
        defaultValue={state.status === 'error' ? state.values?.domain : (domain ?? '')}
        error={state.fieldErrors?.domain}
        hint="For example shop.example.com. Leave empty to remove the domain."
        maxLength={253}
      />
      <SubmitButton pendingLabel="Saving…" className={adminSecondaryButton}>
        Save domain
      </SubmitButton>
    </form>
  );
}

export function CheckDomainForm({ tenantId }: { tenantId: string }) {
  const [state, action] = useActionState(checkCustomDomainAction, idleFormState);
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="tenantId" value={tenantId} />
      <SubmitButton pendingLabel="Checking…" className={adminButton}>
        Check DNS
      </SubmitButton>
    </form>
  );
}
