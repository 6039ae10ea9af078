'use server';

import { AuthError } from 'next-auth';
import { TooManyAttempts } from '@/lib/auth/auth';
import { adminSignIn, adminSignOut } from '@/lib/auth/admin-auth';
import { formValues, safeRedirectPath, type FormState } from '@/lib/forms/form-state';

export async function adminSignInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    await adminSignIn('admin-credentials', {
      email: formData.get('email'),
      password: formData.get('password'),
      redirectTo: safeRedirectPath(formData.get('callbackUrl'), '/'),
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

export async function adminSignOutAction(): Promise<void> {
  await adminSignOut({ redirectTo: '/sign-in' });
}
