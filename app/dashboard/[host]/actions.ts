'use server';

import { AuthError } from 'next-auth';
import { TooManyAttempts } from '@/lib/auth/auth';
import { staffSignIn, staffSignOut } from '@/lib/auth/staff-auth';
import { formValues, safeRedirectPath, type FormState } from '@/lib/forms/form-state';

export async function staffSignInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    await staffSignIn('staff-credentials', {
      email: formData.get('email'),
      password: formData.get('password'),
      redirectTo: safeRedirectPath(formData.get('callbackUrl'), '/dashboard'),
    });
  } catch (error) {
    if (error instanceof TooManyAttempts || (error instanceof AuthError && (error as { code?: string }).code === 'rate_limited')) {
      return { status: 'error', message: 'Too many sign-in attempts. Please wait 15 minutes and try again.', values };
    }
    if (error instanceof AuthError) return { status: 'error', message: 'The email address or password is not correct.', values };
    throw error; // the redirect after a successful sign-in
  }
  return { status: 'success' };
}

export async function staffSignOutAction(): Promise<void> {
  await staffSignOut({ redirectTo: '/dashboard/sign-in' });
}
