'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { signInAction } from '@/app/shop/[host]/account/actions';
import { Field, FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState } from '@/lib/forms/form-state';

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(signInAction, idleFormState);
  return (
    <form action={action} className="space-y-4">
      <FormMessage state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field name="email" label="Email address" type="email" autoComplete="email" required defaultValue={state.values?.email} />
      <Field name="password" label="Password" type="password" autoComplete="current-password" required />
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
      <p className="flex justify-between text-sm">
        <Link href="/account/forgot-password" className="underline">
          Forgot your password?
        </Link>
        <Link href="/account/register" className="font-semibold underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
