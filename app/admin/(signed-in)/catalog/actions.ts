'use server';

import { redirect } from 'next/navigation';
import { applyBulkPriceChange, parseBulkPriceChange } from '@/lib/pricing/bulk-price-change';
import {
  createTaxonomyEntry,
  deleteTaxonomyEntry,
  isTaxonomyAxis,
  renameTaxonomyEntry,
  saveCatalogArticle,
  TAXONOMY_LABEL,
} from '@/lib/catalog/catalog-articles';
import { MAX_CATALOG_IMPORT_BYTES, importCatalogCsv } from '@/lib/catalog/import-catalog-csv';
import { AppError } from '@/lib/errors';
import { adminAction, noValues } from '@/lib/forms/form-action';
import { importErrorState } from '@/lib/forms/form-error-state';
import type { ImportFormState } from '@/lib/forms/form-state';

// The operator's catalog actions: the builder checks the operator first, then each hands the form to
// lib/catalog and lib/pricing. Every change shows in the whole catalog section.

const revalidate = [{ layout: '/admin/catalog' }];

const positiveInt = (value: FormDataEntryValue | null, what: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new AppError('NOT_FOUND', `There is no such ${what}.`);
  return n;
};

export const saveArticleAction = adminAction({ lists: ['vehicleMakes'], revalidate }, async ({ admin, values, formData }) => {
  const creating = !values.articleId;
  const articleId = creating ? null : positiveInt(formData.get('articleId'), 'article');
  const { id } = await saveCatalogArticle(admin, articleId, values);
  if (creating) redirect(`/catalog/articles/${id}?created=1`);
  return { status: 'success', message: 'Article saved. Shops show the change on their next page view.', values };
});

export type CatalogImportState = ImportFormState;

export const importCatalogAction = adminAction<CatalogImportState>({ values: noValues, revalidate, onError: importErrorState }, async ({ admin, formData }) => {
  const file = formData.get('file');
  if (!(file instanceof File) || file.size === 0) throw new AppError('VALIDATION_FAILED', 'Choose a CSV file to import.');
  if (file.size > MAX_CATALOG_IMPORT_BYTES)
    throw new AppError('VALIDATION_FAILED', 'The file is larger than 1.5 MB. Split it into smaller files; each can be imported on its own.');
  const result = await importCatalogCsv(admin, new Uint8Array(await file.arrayBuffer()));
  const n = (count: number, noun: string) => `${count.toLocaleString('en-GB')} ${noun}${count === 1 ? '' : 's'}`;
  return {
    status: 'success',
    message: `Imported ${n(result.rows, 'row')}: ${n(result.created, 'new article')}, ${result.updated.toLocaleString('en-GB')} updated, ${result.unchanged.toLocaleString('en-GB')} unchanged.`,
  };
});

export const applyBulkPriceAction = adminAction({ revalidate }, async ({ admin, values }) => {
  const change = parseBulkPriceChange(values);
  const expected = Number(values.expectedCount);
  if (!Number.isSafeInteger(expected) || expected <= 0) throw new AppError('VALIDATION_FAILED', 'Preview the change first.');
  const { updated } = await applyBulkPriceChange(admin, change, expected);
  return { status: 'success', message: `Changed the base price of ${updated.toLocaleString('en-GB')} article${updated === 1 ? '' : 's'} by ${change.label}.` };
});

function axisOf(formData: FormData) {
  const axis = formData.get('axis');
  if (!isTaxonomyAxis(axis)) throw new AppError('NOT_FOUND', 'There is no such list.');
  return axis;
}

export const createTaxonomyAction = adminAction({ revalidate }, async ({ admin, values, formData }) => {
  const axis = axisOf(formData);
  const entry = await createTaxonomyEntry(admin, axis, values);
  return { status: 'success', message: `Added the ${TAXONOMY_LABEL[axis].one} “${entry.name}”.` };
});

export const renameTaxonomyAction = adminAction({ revalidate }, async ({ admin, values, formData }) => {
  const axis = axisOf(formData);
  await renameTaxonomyEntry(admin, axis, positiveInt(formData.get('id'), TAXONOMY_LABEL[axis].one), values.name ?? '');
  return { status: 'success', message: 'Renamed.', values };
});

export const deleteTaxonomyAction = adminAction({ revalidate }, async ({ admin, formData }) => {
  const axis = axisOf(formData);
  await deleteTaxonomyEntry(admin, axis, positiveInt(formData.get('id'), TAXONOMY_LABEL[axis].one));
  return { status: 'success', message: 'Removed.' };
});
