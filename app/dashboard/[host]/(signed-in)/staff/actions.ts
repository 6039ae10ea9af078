'use server';

import { revalidatePath } from 'next/cache';
import { requireStaff } from '@/lib/auth/current-staff';
import { inviteStaff, removeStaffMember, revokeInvitation } from '@/lib/dashboard/staff-invitations';
import { errorFormState } from '@/lib/forms/form-error-state';
import { formValues, type FormState } from '@/lib/forms/form-state';
import { isUuid } from '@/lib/ids';
import { requireRequestTenant } from '@/lib/storefront/request-tenant';

// Owner-only. The shop is the request's host; ids in the form are only looked up within that shop.

export async function inviteStaffAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const tenant = await requireRequestTenant();
    const owner = await requireStaff(tenant.id, 'owner');
    const { email } = await inviteStaff(tenant, owner, values);
    revalidatePath('/dashboard/staff');
    return { status: 'success', message: `We emailed an invitation to ${email}.` };
  } catch (error) {
    return errorFormState(error, values);
  }
}

export async function revokeInvitationAction(formData: FormData): Promise<void> {
  const tenant = await requireRequestTenant();
  await requireStaff(tenant.id, 'owner');
  const id = String(formData.get('invitationId') ?? '');
  if (isUuid(id)) await revokeInvitation(tenant.id, id);
  revalidatePath('/dashboard/staff');
}

export async function removeStaffAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const tenant = await requireRequestTenant();
    const owner = await requireStaff(tenant.id, 'owner');
    if (!isUuid(values.staffUserId)) return { status: 'error', message: 'This person is not on your team.' };
    await removeStaffMember(tenant.id, owner, values.staffUserId);
    revalidatePath('/dashboard/staff');
    return { status: 'success', message: 'Removed from your team.' };
  } catch (error) {
    return errorFormState(error, values);
  }
}
