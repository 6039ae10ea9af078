'use server';

import { saveAssortment } from '@/lib/catalog/assortment-rules';
import { noValues, staffAction } from '@/lib/forms/form-action';
import { platformDb } from '@/db/connection-registry';

const ids = (formData: FormData, name: string) => formData.getAll(name).filter((v): v is string => typeof v === 'string');

/** The shop comes from the request's host and the owner from the staff session; the form only carries the ticked ids. */
export const saveAssortmentAction = staffAction(
  { role: 'owner', values: noValues, revalidate: ['/dashboard/assortment'] },
  async ({ tenant, staff, formData }) => {
    const { total } = await saveAssortment(await platformDb(), tenant.id, staff, {
      brandIds: ids(formData, 'brandIds'),
      categoryIds: ids(formData, 'categoryIds'),
      vehicleBrandIds: ids(formData, 'vehicleBrandIds'),
    });
    const noun = total === 1 ? 'article' : 'articles';
    return { status: 'success', message: `Saved. Your shop now shows ${total.toLocaleString('en-GB')} ${noun}.` };
  },
);
