'use server';

import { requireStaff } from '@/lib/auth/current-staff';
import { staffSignOut } from '@/lib/auth/staff-auth';
import { changeStaffPassword } from '@/lib/dashboard/staff-account';
import { errorFormState } from '@/lib/forms/form-error-state';
import { type FormState } from '@/lib/forms/form-state';
import { requireRequestTenant } from '@/lib/storefront/request-tenant';

const field = (formData: FormData, name: string) => String(formData.get(name) ?? '');

/** Any staff member, for their own account only (the session says whose). */
export async function changeStaffPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const tenant = await requireRequestTenant();
    const staff = await requireStaff(tenant.id);
    await changeStaffPassword(staff, {
      currentPassword: field(formData, 'currentPassword'),
      newPassword: field(formData, 'newPassword'),
      confirmPassword: field(formData, 'confirmPassword'),
    });
  } catch (error) {
    return errorFormState(error, {});
  }
  // This session ended with the change like every other: its cookie goes, and the sign-in page says why.
  await staffSignOut({ redirectTo: '/dashboard/sign-in?password=changed' });
  return { status: 'success' };
}
