'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { applyBulkPriceChange, parseBulkPriceChange } from '@/lib/admin/bulk-price';
import { createTaxonomyEntry, deleteTaxonomyEntry, isTaxonomyAxis, renameTaxonomyEntry, saveCatalogArticle, TAXONOMY_LABEL } from '@/lib/admin/catalog-admin';
import { MAX_CATALOG_IMPORT_BYTES, importCatalogCsv } from '@/lib/admin/catalog-import';
import { requireAdmin } from '@/lib/auth/current-admin';
import { AppError } from '@/lib/errors';
import { errorFormState, importErrorState } from '@/lib/forms/form-error-state';
import { formValues, type FormState, type ImportFormState } from '@/lib/forms/form-state';

// The operator's catalog actions. Each checks the operator first, then hands the form to lib/admin.

const positiveInt = (value: FormDataEntryValue | null, what: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new AppError('NOT_FOUND', `There is no such ${what}.`);
  return n;
};

export async function saveArticleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, { lists: ['vehicleMakes'] });
  let id: number;
  const creating = !values.articleId;
  try {
    const admin = await requireAdmin();
    const articleId = creating ? null : positiveInt(formData.get('articleId'), 'article');
    ({ id } = await saveCatalogArticle(admin, articleId, values));
  } catch (error) {
    return errorFormState(error, values);
  }
  revalidatePath('/admin/catalog', 'layout');
  if (creating) redirect(`/catalog/articles/${id}?created=1`);
  return { status: 'success', message: 'Article saved. Shops show the change on their next page view.', values };
}

export type CatalogImportState = ImportFormState;

export async function importCatalogAction(_prev: CatalogImportState, formData: FormData): Promise<CatalogImportState> {
  try {
    const admin = await requireAdmin();
    const file = formData.get('file');
    if (!(file instanceof File) || file.size === 0) throw new AppError('VALIDATION_FAILED', 'Choose a CSV file to import.');
    if (file.size > MAX_CATALOG_IMPORT_BYTES) throw new AppError('VALIDATION_FAILED', 'The file is larger than 1.5 MB. Split it into smaller files; each can be imported on its own.');
    const result = await importCatalogCsv(admin, new Uint8Array(await file.arrayBuffer()));
    revalidatePath('/admin/catalog', 'layout');
    const n = (count: number, noun: string) => `${count.toLocaleString('en-GB')} ${noun}${count === 1 ? '' : 's'}`;
    return { status: 'success', message: `Imported ${n(result.rows, 'row')}: ${n(result.created, 'new article')}, ${result.updated.toLocaleString('en-GB')} updated, ${result.unchanged.toLocaleString('en-GB')} unchanged.` };
  } catch (error) {
    return importErrorState(error);
  }
}

export async function applyBulkPriceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const admin = await requireAdmin();
    const change = parseBulkPriceChange(values);
    const expected = Number(values.expectedCount);
    if (!Number.isSafeInteger(expected) || expected <= 0) throw new AppError('VALIDATION_FAILED', 'Preview the change first.');
    const { updated } = await applyBulkPriceChange(admin, change, expected);
    revalidatePath('/admin/catalog', 'layout');
    return { status: 'success', message: `Changed the base price of ${updated.toLocaleString('en-GB')} article${updated === 1 ? '' : 's'} by ${change.label}.` };
  } catch (error) {
    return errorFormState(error, values);
  }
}

function axisOf(formData: FormData) {
  const axis = formData.get('axis');
  if (!isTaxonomyAxis(axis)) throw new AppError('NOT_FOUND', 'There is no such list.');
  return axis;
}

export async function createTaxonomyAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const admin = await requireAdmin();
    const axis = axisOf(formData);
    const entry = await createTaxonomyEntry(admin, axis, values);
    revalidatePath('/admin/catalog', 'layout');
    return { status: 'success', message: `Added the ${TAXONOMY_LABEL[axis].one} “${entry.name}”.` };
  } catch (error) {
    return errorFormState(error, values);
  }
}

export async function renameTaxonomyAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const admin = await requireAdmin();
    const axis = axisOf(formData);
    await renameTaxonomyEntry(admin, axis, positiveInt(formData.get('id'), TAXONOMY_LABEL[axis].one), values.name ?? '');
    revalidatePath('/admin/catalog', 'layout');
    return { status: 'success', message: 'Renamed.', values };
  } catch (error) {
    return errorFormState(error, values);
  }
}

export async function deleteTaxonomyAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const admin = await requireAdmin();
    const axis = axisOf(formData);
    await deleteTaxonomyEntry(admin, axis, positiveInt(formData.get('id'), TAXONOMY_LABEL[axis].one));
    revalidatePath('/admin/catalog', 'layout');
    return { status: 'success', message: 'Removed.' };
  } catch (error) {
    return errorFormState(error, values);
  }
}
