'use client';

import { useActionState } from 'react';
import { Field, FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState, type FormState } from '@/lib/forms/form-state';

type PasswordChangeAction = (state: FormState, formData: FormData) => Promise<FormState>;

/** Current password, then the new one twice: the one form for customers, shop staff and operators. */
export function PasswordChangeForm({
  action,
  minLength,
  hint,
  buttonClassName,
}: {
  action: PasswordChangeAction;
  minLength: number;
  hint?: string;
  buttonClassName?: string;
}) {
  const [state, formAction] = useActionState(action, idleFormState);
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="max-w-md space-y-4" aria-label="Change password">
      <FormMessage state={state} />
      <Field
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        error={e.currentPassword}
        maxLength={200}
      />
      <Field
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        error={e.newPassword}
        maxLength={200}
        hint={hint ?? `At least ${minLength} characters.`}
      />
      <Field name="confirmPassword" label="New password again" type="password" autoComplete="new-password" required error={e.confirmPassword} maxLength={200} />
      <SubmitButton pendingLabel="Changing…" className={buttonClassName}>
        Change password
      </SubmitButton>
    </form>
  );
}
