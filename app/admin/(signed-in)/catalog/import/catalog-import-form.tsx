'use client';

import { importCatalogAction } from '@/app/admin/(signed-in)/catalog/actions';
import { CsvImportForm } from '@/components/forms/csv-import-form';
import { adminButton } from '@/components/admin/styles';

/** Uploads a catalog CSV; the server checks every row and applies all of them or none. */
export function CatalogImportForm() {
  return (
    <CsvImportForm
      action={importCatalogAction}
      id="catalog-file"
      maxBytes={1_500_000}
      tooLargeMessage="The file is larger than 1.5 MB. Split it into smaller files; each can be imported on its own."
      hint="UTF-8, comma or semicolon separated; at most 10,000 rows and 1.5 MB a file."
      submitLabel="Import catalog"
      buttonClassName={adminButton}
    />
  );
}
