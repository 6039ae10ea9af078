'use server';

import { signInWithCredentials } from '@/lib/auth/sign-in-with-credentials';
import { staffSignIn, staffSignOut } from '@/lib/auth/staff-auth';
import { safeRedirectPath, type FormState } from '@/lib/forms/form-state';

export async function staffSignInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return signInWithCredentials(staffSignIn, 'staff-credentials', formData, safeRedirectPath(formData.get('callbackUrl'), '/dashboard'));
}

export async function staffSignOutAction(): Promise<void> {
  await staffSignOut({ redirectTo: '/dashboard/sign-in' });
}
