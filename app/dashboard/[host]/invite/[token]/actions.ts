'use server';

import { redirect } from 'next/navigation';
import { acceptInvitation } from '@/lib/dashboard/staff-invitations';
import { errorFormState } from '@/lib/forms/form-error-state';
import { formValues, type FormState } from '@/lib/forms/form-state';
import { requireRequestTenant } from '@/lib/storefront/request-tenant';

export async function acceptInvitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const tenant = await requireRequestTenant();
    await acceptInvitation(tenant.id, String(formData.get('token') ?? ''), { name: values.name || undefined, password: formData.get('password') });
  } catch (error) {
    return errorFormState(error, values);
  }
  redirect('/dashboard/sign-in?invited=1');
}
