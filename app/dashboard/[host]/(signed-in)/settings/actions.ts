'use server';

import { updateRegistrationSettings } from '@/lib/registration/registration-settings-form';
import { updateShopTimeZone } from '@/lib/tenancy/update-shop-time-zone';
import { staffAction } from '@/lib/forms/form-action';

export const saveRegistrationSettingsAction = staffAction({ role: 'owner', revalidate: [{ layout: '/' }] }, async ({ tenant, staff, values, formData }) => {
  const countries = formData.getAll('countries').filter((c): c is string => typeof c === 'string');
  await updateRegistrationSettings(tenant.id, { ...values, countries }, staff.email);
  return { status: 'success', message: 'Saved. New registrations follow these settings from now on.' };
});

export const saveShopTimeZoneAction = staffAction({ role: 'owner', revalidate: [{ layout: '/' }] }, async ({ tenant, staff, values }) => {
  const saved = await updateShopTimeZone(tenant.id, values, staff.email);
  return { status: 'success', message: `Saved. Times are now shown in ${saved.timeZone.replaceAll('_', ' ')}.`, values: { timeZone: saved.timeZone } };
});
