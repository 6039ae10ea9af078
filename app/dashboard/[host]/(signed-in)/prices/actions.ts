'use server';

import { AppError } from '@/lib/errors';
import { staffAction } from '@/lib/forms/form-action';
import { importErrorState } from '@/lib/forms/form-error-state';
import type { ImportFormState } from '@/lib/forms/form-state';
import { MAX_IMPORT_BYTES } from '@/lib/pricing/price-csv';
import { importPriceCsv, type PriceImportResult } from '@/lib/pricing/import-price-csv';
import { addPriceOverride, deletePriceOverride } from '@/lib/pricing/price-overrides';

// The shop comes from the request's host and the actor from the staff session. Article and override ids
// in the form are only looked up among this shop's rows, so another shop's id ends in NOT_FOUND.

export type PriceImportState = ImportFormState;

export const addPriceOverrideAction = staffAction({ role: 'manager', revalidate: ['/dashboard/prices'] }, async ({ tenant, staff, values }) => {
  await addPriceOverride(
    tenant.id,
    { articleId: values.articleId, price: values.price, validFrom: values.validFrom, validUntil: values.validUntil },
    staff.email,
  );
  return { status: 'success', message: 'The price is saved. The shop shows it from its first day on.' };
});

export const deletePriceOverrideAction = staffAction({ role: 'manager', revalidate: ['/dashboard/prices'] }, async ({ tenant, staff, values }) => {
  await deletePriceOverride(tenant.id, values.overrideId, staff.email);
  return { status: 'success', message: 'The override is deleted.' };
});

/** "2 added, 1 changed, 3 withdrawn, 40 unchanged": what an import did, the counts that are not zero. */
function importSummary(result: PriceImportResult): string {
  const parts = [
    result.added ? `${result.added} added` : '',
    result.changed ? `${result.changed} changed` : '',
    result.withdrawn ? `${result.withdrawn} withdrawn` : '',
    result.unchanged ? `${result.unchanged} unchanged` : '',
  ].filter(Boolean);
  const changedAnything = result.added + result.changed + result.withdrawn > 0;
  return `${changedAnything ? 'Imported' : 'Nothing to change'}: ${parts.join(', ')}.`;
}

const modeOf = (formData: FormData) => ({ mode: String(formData.get('mode') ?? '') });

export const importPricesAction = staffAction<PriceImportState>(
  { role: 'manager', values: modeOf, revalidate: ['/dashboard/prices'], onError: (error, values) => ({ ...importErrorState(error), values }) },
  async ({ tenant, staff, values, formData }) => {
    const mode = formData.get('mode');
    if (mode !== 'add' && mode !== 'replace') {
      throw new AppError('VALIDATION_FAILED', 'Choose whether the file adds to your prices or replaces them.', {
        details: { fieldErrors: { mode: 'Choose add or replace.' } },
      });
    }
    // Replacing withdraws prices the file leaves out: the owner says so in as many words first.
    if (mode === 'replace' && formData.get('confirmReplace') !== 'yes') {
      throw new AppError('VALIDATION_FAILED', 'Tick the box to confirm that prices the file leaves out are withdrawn.', {
        details: { fieldErrors: { confirmReplace: 'Confirm the replacement, or choose “Add to my prices”.' } },
      });
    }
    const file = formData.get('file');
    if (!(file instanceof File) || file.size === 0) throw new AppError('VALIDATION_FAILED', 'Choose a CSV file to import.');
    if (file.size > MAX_IMPORT_BYTES) throw new AppError('VALIDATION_FAILED', 'The file is larger than 1 MB. Split it into smaller files.');
    const result = await importPriceCsv(tenant.id, new Uint8Array(await file.arrayBuffer()), staff.email, { mode });
    return { status: 'success', message: importSummary(result), values };
  },
);
