'use server';

import { changeAdminPassword } from '@/lib/admin/admin-account';
import { requireAdmin } from '@/lib/auth/current-admin';
import { errorFormState } from '@/lib/forms/form-error-state';
import { type FormState } from '@/lib/forms/form-state';

export async function changeAdminPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const admin = await requireAdmin();
    const field = (name: string) => String(formData.get(name) ?? '');
    await changeAdminPassword(admin, { currentPassword: field('currentPassword'), newPassword: field('newPassword'), confirmPassword: field('confirmPassword') });
    return { status: 'success', message: 'Password changed. Every console session has ended, this one too: sign in again with the new password.' };
  } catch (error) {
    return errorFormState(error, {});
  }
}
