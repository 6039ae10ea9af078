'use server';

import { revalidatePath } from 'next/cache';
import { requireStaff } from '@/lib/auth/current-staff';
import { updateBranding } from '@/lib/dashboard/branding';
import { removeTenantLogo, saveTenantLogo } from '@/lib/dashboard/logo-upload';
import { AppError } from '@/lib/errors';
import { errorFormState } from '@/lib/forms/form-error-state';
import { formValues, type FormState } from '@/lib/forms/form-state';
import { requireRequestTenant } from '@/lib/storefront/request-tenant';

// Branding is the owner's: the shop comes from the request's host, the actor from the staff session,
// and nothing in the form names a shop.

export async function saveBrandingAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const tenant = await requireRequestTenant();
    const staff = await requireStaff(tenant.id, 'owner');
    await updateBranding(tenant.id, { name: values.name ?? '', tagline: values.tagline ?? '', primaryColor: values.primaryColor ?? '', accentColor: values.accentColor ?? '' }, staff.email);
    revalidatePath('/', 'layout');
    return { status: 'success', message: 'Saved. Your shop and its emails use the new look from now on.', values };
  } catch (error) {
    return errorFormState(error, values);
  }
}

export async function uploadLogoAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const tenant = await requireRequestTenant();
    const staff = await requireStaff(tenant.id, 'owner');
    const file = formData.get('logo');
    if (!(file instanceof File) || file.size === 0) {
      throw new AppError('VALIDATION_FAILED', 'Choose an image file to upload.', { details: { fieldErrors: { logo: 'Choose an image file to upload.' } } });
    }
    await saveTenantLogo(tenant.id, new Uint8Array(await file.arrayBuffer()), staff.email);
    revalidatePath('/', 'layout');
    return { status: 'success', message: 'The new logo is live on your shop and in its emails.' };
  } catch (error) {
    return errorFormState(error, {});
  }
}

export async function removeLogoAction(_prev: FormState, _formData: FormData): Promise<FormState> {
  try {
    const tenant = await requireRequestTenant();
    const staff = await requireStaff(tenant.id, 'owner');
    await removeTenantLogo(tenant.id, staff.email);
    revalidatePath('/', 'layout');
    return { status: 'success', message: 'The logo is removed; your shop shows its initials instead.' };
  } catch (error) {
    return errorFormState(error, {});
  }
}
