'use server';

import { revalidatePath } from 'next/cache';
import { requireStaff } from '@/lib/auth/current-staff';
import { updateRegistrationSettings } from '@/lib/dashboard/registration-admin';
import { updateShopTimeZone } from '@/lib/dashboard/shop-time-zone';
import { errorFormState } from '@/lib/forms/form-error-state';
import { formValues, type FormState } from '@/lib/forms/form-state';
import { requireRequestTenant } from '@/lib/storefront/request-tenant';

export async function saveRegistrationSettingsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const tenant = await requireRequestTenant();
    const staff = await requireStaff(tenant.id, 'owner');
    const countries = formData.getAll('countries').filter((c): c is string => typeof c === 'string');
    await updateRegistrationSettings(tenant.id, { ...values, countries }, staff.email);
    revalidatePath('/', 'layout');
    return { status: 'success', message: 'Saved. New registrations follow these settings from now on.' };
  } catch (error) {
    return errorFormState(error, values);
  }
}

export async function saveShopTimeZoneAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const tenant = await requireRequestTenant();
    const staff = await requireStaff(tenant.id, 'owner');
    const saved = await updateShopTimeZone(tenant.id, values, staff.email);
    revalidatePath('/', 'layout');
    return { status: 'success', message: `Saved. Times are now shown in ${saved.timeZone.replaceAll('_', ' ')}.`, values: { timeZone: saved.timeZone } };
  } catch (error) {
    return errorFormState(error, values);
  }
}
