'use server';

import { signInWithCredentials } from '@/lib/auth/sign-in-with-credentials';
import { adminSignIn, adminSignOut } from '@/lib/auth/admin-auth';
import { safeRedirectPath, type FormState } from '@/lib/forms/form-state';

export async function adminSignInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return signInWithCredentials(adminSignIn, 'admin-credentials', formData, safeRedirectPath(formData.get('callbackUrl'), '/'));
}

export async function adminSignOutAction(): Promise<void> {
  await adminSignOut({ redirectTo: '/sign-in' });
}
