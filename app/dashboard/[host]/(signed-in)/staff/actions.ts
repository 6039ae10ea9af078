'use server';

import { inviteStaff, removeStaffMember, revokeInvitation } from '@/lib/staff/staff-invitations';
import { staffAction, staffVoidAction } from '@/lib/forms/form-action';
import { isUuid } from '@/lib/ids';

// Owner-only. The shop is the request's host; ids in the form are only looked up within that shop.

export const inviteStaffAction = staffAction({ role: 'owner', revalidate: ['/dashboard/staff'] }, async ({ tenant, staff, values }) => {
  const { email } = await inviteStaff(tenant, staff, values);
  return { status: 'success', message: `We emailed an invitation to ${email}.` };
});

export const revokeInvitationAction = staffVoidAction({ role: 'owner', revalidate: ['/dashboard/staff'] }, async ({ tenant, formData }) => {
  const id = String(formData.get('invitationId') ?? '');
  if (isUuid(id)) await revokeInvitation(tenant.id, id);
});

export const removeStaffAction = staffAction({ role: 'owner', revalidate: ['/dashboard/staff'] }, async ({ tenant, staff, values }) => {
  if (!isUuid(values.staffUserId)) return { status: 'error', message: 'This person is not on your team.' };
  await removeStaffMember(tenant.id, staff, values.staffUserId);
  return { status: 'success', message: 'Removed from your team.' };
});
