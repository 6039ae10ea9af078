'use client';

import { importPricesAction } from '@/app/dashboard/[host]/(signed-in)/prices/actions';
import { CsvImportForm } from '@/components/forms/csv-import-form';
import { PriceImportMode } from '@/components/dashboard/price-import-mode';

/** Uploads a CSV to add to or replace prices; the server validates every row and applies all of them or none. */
export function PriceImportForm() {
  return (
    <CsvImportForm
      action={importPricesAction}
      id="price-file"
      maxBytes={1_000_000}
      tooLargeMessage="The file is larger than 1 MB. Split it into smaller files."
      hint={
        <>
          Header <code className="font-mono">sku,price,valid_from,valid_until</code>; comma or semicolon; UTF-8; at most 5,000 rows and 1 MB.
        </>
      }
      submitLabel="Import prices"
      buttonClassName="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60"
      fields={(state) => <PriceImportMode state={state} />}
    />
  );
}
