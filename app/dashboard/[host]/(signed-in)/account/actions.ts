'use server';

import { staffSignOut } from '@/lib/auth/staff-auth';
import { changeStaffPassword } from '@/lib/staff/change-staff-password';
import { noValues, staffAction } from '@/lib/forms/form-action';

const field = (formData: FormData, name: string) => String(formData.get(name) ?? '');

/** Any staff member, for their own account only (the session says whose). */
export const changeStaffPasswordAction = staffAction({ role: 'manager', values: noValues }, async ({ staff, formData }) => {
  await changeStaffPassword(staff, {
    currentPassword: field(formData, 'currentPassword'),
    newPassword: field(formData, 'newPassword'),
    confirmPassword: field(formData, 'confirmPassword'),
  });
  // This session ended with the change like every other: its cookie goes, and the sign-in page says why.
  await staffSignOut({ redirectTo: '/dashboard/sign-in?password=changed' });
  return { status: 'success' };
});
