import { AuthError } from 'next-auth';
import type { FormState } from '@/lib/forms/form-state';
import { formValues } from '@/lib/forms/form-state';
import { TooManyAttempts } from './sign-in-limits';

type CredentialsSignIn = (
  provider: string,
  options: { email: FormDataEntryValue | null; password: FormDataEntryValue | null; redirectTo: string },
) => Promise<unknown>;

/**
 * The sign-in form's action for any of the Auth.js instances: the same two messages everywhere (a
 * wrong password never says whether the account exists), the email kept in the form, and Auth.js's
 * redirect after a successful sign-in let through.
 */
export async function signInWithCredentials(signIn: CredentialsSignIn, provider: string, formData: FormData, redirectTo: string): Promise<FormState> {
  const values = formValues(formData);
  try {
    await signIn(provider, { email: formData.get('email'), password: formData.get('password'), redirectTo });
  } catch (error) {
    if (error instanceof TooManyAttempts || (error instanceof AuthError && 'code' in error && error.code === 'rate_limited')) {
      return { status: 'error', message: 'Too many sign-in attempts. Please wait 15 minutes and try again.', values };
    }
    if (error instanceof AuthError) return { status: 'error', message: 'The email address or password is not correct.', values };
    throw error;
  }
  return { status: 'success' };
}
