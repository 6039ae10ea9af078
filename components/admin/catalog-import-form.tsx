'use client';

import { useActionState, useState } from 'react';
import { importCatalogAction, type CatalogImportState } from '@/app/admin/(signed-in)/catalog/actions';
import { FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { adminButton } from './styles';

const MAX_BYTES = 1_500_000;
const idle: CatalogImportState = { status: 'idle' };

/** Uploads a catalog CSV; the server checks every row and applies all of them or none. */
export function CatalogImportForm() {
  const [state, action] = useActionState(importCatalogAction, idle);
  const [tooLarge, setTooLarge] = useState(false);
  const rowErrors = state.status === 'error' ? (state.rowErrors ?? []) : [];
  const hidden = (state.rowErrorCount ?? rowErrors.length) - rowErrors.length;
  return (
    <form action={action} className="space-y-3" onSubmit={(event) => tooLarge && event.preventDefault()}>
      <FormMessage state={state} />
      {rowErrors.length > 0 ? (
        <ul className="max-h-80 list-inside space-y-0.5 overflow-y-auto rounded-md border border-red-200 bg-white px-3 py-2 text-sm text-red-800" data-testid="import-row-errors">
          {rowErrors.map((error) => <li key={error}>{error}</li>)}
          {hidden > 0 ? <li className="text-slate-600">… and {hidden.toLocaleString('en-GB')} more.</li> : null}
        </ul>
      ) : null}
      <div>
        <label htmlFor="catalog-file" className="mb-1 block text-sm font-medium">CSV file</label>
        <input
          id="catalog-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          aria-describedby="catalog-file-hint"
          onChange={(event) => setTooLarge((event.target.files?.[0]?.size ?? 0) > MAX_BYTES)}
          className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-semibold"
        />
        <p id="catalog-file-hint" className="mt-1 text-xs text-slate-600">UTF-8, comma or semicolon separated; at most 10,000 rows and 1.5 MB a file.</p>
        {tooLarge ? <p role="alert" className="mt-1 text-sm text-red-700">The file is larger than 1.5 MB. Split it into smaller files; each can be imported on its own.</p> : null}
      </div>
      <SubmitButton pendingLabel="Importing…" className={adminButton}>Import catalog</SubmitButton>
    </form>
  );
}
