'use server';

import { revalidatePath } from 'next/cache';
import { requireStaff } from '@/lib/auth/current-staff';
import { AppError } from '@/lib/errors';
import { errorFormState, formValues, importErrorState, type FormState, type ImportFormState } from '@/lib/forms/form-state';
import { MAX_IMPORT_BYTES } from '@/lib/dashboard/price-csv';
import { importPriceCsv } from '@/lib/dashboard/price-import';
import { addPriceOverride, deletePriceOverride } from '@/lib/dashboard/price-overrides';
import { requireRequestTenant } from '@/lib/storefront/request-tenant';

// The shop comes from the request's host and the actor from the staff session. Article and override ids
// in the form are only looked up among this shop's rows, so another shop's id ends in NOT_FOUND.

export type PriceImportState = ImportFormState;

export async function addPriceOverrideAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const tenant = await requireRequestTenant();
    const staff = await requireStaff(tenant.id);
    await addPriceOverride(tenant.id, { articleId: values.articleId, price: values.price, validFrom: values.validFrom, validUntil: values.validUntil }, staff.email);
    revalidatePath('/dashboard/prices');
    return { status: 'success', message: 'The price is saved. The shop shows it from its first day on.' };
  } catch (error) {
    return errorFormState(error, values);
  }
}

export async function deletePriceOverrideAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const tenant = await requireRequestTenant();
    const staff = await requireStaff(tenant.id);
    await deletePriceOverride(tenant.id, values.overrideId, staff.email);
    revalidatePath('/dashboard/prices');
    return { status: 'success', message: 'The override is deleted.' };
  } catch (error) {
    return errorFormState(error, values);
  }
}

export async function importPricesAction(_prev: PriceImportState, formData: FormData): Promise<PriceImportState> {
  try {
    const tenant = await requireRequestTenant();
    const staff = await requireStaff(tenant.id);
    const file = formData.get('file');
    if (!(file instanceof File) || file.size === 0) throw new AppError('VALIDATION_FAILED', 'Choose a CSV file to import.');
    if (file.size > MAX_IMPORT_BYTES) throw new AppError('VALIDATION_FAILED', 'The file is larger than 1 MB. Split it into smaller files.');
    const { inserted } = await importPriceCsv(tenant.id, new Uint8Array(await file.arrayBuffer()), staff.email);
    revalidatePath('/dashboard/prices');
    return { status: 'success', message: `Imported ${inserted} ${inserted === 1 ? 'price' : 'prices'}.` };
  } catch (error) {
    return importErrorState(error);
  }
}
