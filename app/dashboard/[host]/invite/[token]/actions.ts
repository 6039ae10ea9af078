'use server';

import { redirect } from 'next/navigation';
import { acceptInvitation } from '@/lib/staff/staff-invitations';
import { publicAction } from '@/lib/forms/form-action';

/** Nobody is signed in yet: the token in the form is what names the invitation, within the host's shop. */
export const acceptInvitationAction = publicAction({}, async ({ tenant, values, formData }) => {
  await acceptInvitation(tenant.id, String(formData.get('token') ?? ''), { name: values.name || undefined, password: formData.get('password') });
  redirect('/dashboard/sign-in?invited=1');
});
