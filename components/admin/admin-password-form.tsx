'use client';

import { useActionState } from 'react';
import { changeAdminPasswordAction } from '@/app/admin/(signed-in)/account/actions';
import { Field, FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState } from '@/lib/forms/form-state';
import { adminButton } from './styles';

export function AdminPasswordForm({ minLength }: { minLength: number }) {
  const [state, action] = useActionState(changeAdminPasswordAction, idleFormState);
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="max-w-md space-y-4">
      <FormMessage state={state} />
      <Field name="currentPassword" label="Current password" type="password" autoComplete="current-password" required error={e.currentPassword} maxLength={200} />
      <Field name="newPassword" label="New password" type="password" autoComplete="new-password" required error={e.newPassword} maxLength={200} hint={`At least ${minLength} characters; a passphrase of several words works well.`} />
      <Field name="confirmPassword" label="New password again" type="password" autoComplete="new-password" required error={e.confirmPassword} maxLength={200} />
      <SubmitButton pendingLabel="Changing…" className={adminButton}>Change password</SubmitButton>
    </form>
  );
}
