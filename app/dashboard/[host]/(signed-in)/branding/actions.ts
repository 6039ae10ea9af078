'use server';

import { updateBranding } from '@/lib/branding/update-branding';
import { removeTenantLogo, saveTenantLogo } from '@/lib/branding/logo-upload';
import { AppError } from '@/lib/errors';
import { noValues, staffAction } from '@/lib/forms/form-action';

// Branding is the owner's: the shop comes from the request's host, the actor from the staff session,
// and nothing in the form names a shop. The shop's header and emails show it, hence the whole layout.

export const saveBrandingAction = staffAction({ role: 'owner', revalidate: [{ layout: '/' }] }, async ({ tenant, staff, values }) => {
  await updateBranding(
    tenant.id,
    { name: values.name ?? '', tagline: values.tagline ?? '', primaryColor: values.primaryColor ?? '', accentColor: values.accentColor ?? '' },
    staff.email,
  );
  return { status: 'success', message: 'Saved. Your shop and its emails use the new look from now on.', values };
});

export const uploadLogoAction = staffAction({ role: 'owner', values: noValues, revalidate: [{ layout: '/' }] }, async ({ tenant, staff, formData }) => {
  const file = formData.get('logo');
  if (!(file instanceof File) || file.size === 0) {
    throw new AppError('VALIDATION_FAILED', 'Choose an image file to upload.', { details: { fieldErrors: { logo: 'Choose an image file to upload.' } } });
  }
  await saveTenantLogo(tenant.id, new Uint8Array(await file.arrayBuffer()), staff.email);
  return { status: 'success', message: 'The new logo is live on your shop and in its emails.' };
});

export const removeLogoAction = staffAction({ role: 'owner', values: noValues, revalidate: [{ layout: '/' }] }, async ({ tenant, staff }) => {
  await removeTenantLogo(tenant.id, staff.email);
  return { status: 'success', message: 'The logo is removed; your shop shows its initials instead.' };
});
