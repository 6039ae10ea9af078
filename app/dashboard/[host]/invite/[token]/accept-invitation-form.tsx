'use client';

import { useActionState } from 'react';
import { acceptInvitationAction } from '@/app/dashboard/[host]/invite/[token]/actions';
import { Field, FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState, secretFieldError } from '@/lib/forms/form-state';

/** A newcomer picks a name and password; someone with a staff account confirms with theirs. */
export function AcceptInvitationForm({ token, email, hasAccount }: { token: string; email: string; hasAccount: boolean }) {
  const [state, action] = useActionState(acceptInvitationAction, idleFormState);
  return (
    <form action={action} className="space-y-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <p className="text-sm">
        Email address: <strong>{email}</strong>
      </p>
      {hasAccount ? null : (
        <Field name="name" label="Your name" autoComplete="name" required defaultValue={state.values?.name} error={state.fieldErrors?.name} />
      )}
      <Field
        name="password"
        label={hasAccount ? 'Your staff password' : 'Choose a password'}
        type="password"
        autoComplete={hasAccount ? 'current-password' : 'new-password'}
        required
        error={secretFieldError(state, 'password')}
        hint={hasAccount ? 'You already have a staff account at another shop: confirm it is you.' : 'At least 10 characters.'}
      />
      <SubmitButton pendingLabel="Joining…">Join the team</SubmitButton>
    </form>
  );
}
