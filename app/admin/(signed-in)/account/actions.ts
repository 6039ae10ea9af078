'use server';

import { changeAdminPassword } from '@/lib/auth/change-admin-password';
import { adminAction, noValues } from '@/lib/forms/form-action';

export const changeAdminPasswordAction = adminAction({ values: noValues }, async ({ admin, formData }) => {
  const field = (name: string) => String(formData.get(name) ?? '');
  await changeAdminPassword(admin, { currentPassword: field('currentPassword'), newPassword: field('newPassword'), confirmPassword: field('confirmPassword') });
  return { status: 'success', message: 'Password changed. Every console session has ended, this one too: sign in again with the new password.' };
});
