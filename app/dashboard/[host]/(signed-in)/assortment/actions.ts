'use server';

import { revalidatePath } from 'next/cache';
import { requireStaff } from '@/lib/auth/current-staff';
import { saveAssortment } from '@/lib/dashboard/assortment-rules';
import { errorFormState } from '@/lib/forms/form-error-state';
import { type FormState } from '@/lib/forms/form-state';
import { catalogDb } from '@/lib/storefront/current-shop';
import { requireRequestTenant } from '@/lib/storefront/request-tenant';

const ids = (formData: FormData, name: string) => formData.getAll(name).filter((v): v is string => typeof v === 'string');

/** The shop comes from the request's host and the owner from the staff session; the form only carries the ticked ids. */
export async function saveAssortmentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const tenant = await requireRequestTenant();
    const staff = await requireStaff(tenant.id, 'owner');
    const { total } = await saveAssortment(await catalogDb(), tenant.id, staff, {
      brandIds: ids(formData, 'brandIds'),
      categoryIds: ids(formData, 'categoryIds'),
      vehicleBrandIds: ids(formData, 'vehicleBrandIds'),
    });
    revalidatePath('/dashboard/assortment');
    const noun = total === 1 ? 'article' : 'articles';
    return { status: 'success', message: `Saved. Your shop now shows ${total.toLocaleString('en-GB')} ${noun}.` };
  } catch (error) {
    return errorFormState(error, {});
  }
}
