'use client';

import { useActionState } from 'react';
import { adminSignInAction } from '@/app/admin/actions';
import { Field, FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState } from '@/lib/forms/form-state';
import { adminButton } from '@/components/admin/styles';

export function AdminSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(adminSignInAction, idleFormState);
  return (
    <form action={action} className="space-y-4">
      <FormMessage state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field name="email" label="Email address" type="email" autoComplete="username" required defaultValue={state.values?.email} />
      <Field name="password" label="Password" type="password" autoComplete="current-password" required />
      <SubmitButton pendingLabel="Signing in…" className={`${adminButton} w-full`}>
        Sign in to the console
      </SubmitButton>
    </form>
  );
}
