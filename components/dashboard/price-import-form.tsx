'use client';

import { useActionState, useState } from 'react';
import { importPricesAction, type PriceImportState } from '@/app/dashboard/[host]/(signed-in)/prices/actions';
import { FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';

const MAX_BYTES = 1_000_000;
const idle: PriceImportState = { status: 'idle' };

/** Uploads a CSV; the server validates every row and applies all of them or none. */
export function PriceImportForm() {
  const [state, action] = useActionState(importPricesAction, idle);
  const [tooLarge, setTooLarge] = useState(false);
  const rowErrors = state.status === 'error' ? (state.rowErrors ?? []) : [];
  const hidden = (state.rowErrorCount ?? rowErrors.length) - rowErrors.length;
  return (
    <form action={action} className="space-y-3" onSubmit={(event) => tooLarge && event.preventDefault()}>
      <FormMessage state={state} />
      {rowErrors.length > 0 ? (
        <ul className="max-h-72 list-inside space-y-0.5 overflow-y-auto rounded-md border border-red-200 bg-white px-3 py-2 text-sm text-red-800" data-testid="import-row-errors">
          {rowErrors.map((error) => <li key={error}>{error}</li>)}
          {hidden > 0 ? <li className="text-slate-600">… and {hidden} more.</li> : null}
        </ul>
      ) : null}
      <div>
        <label htmlFor="price-file" className="mb-1 block text-sm font-medium">CSV file</label>
        <input
          id="price-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          aria-describedby="price-file-hint"
          onChange={(event) => setTooLarge((event.target.files?.[0]?.size ?? 0) > MAX_BYTES)}
          className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-semibold"
        />
        <p id="price-file-hint" className="mt-1 text-xs text-slate-600">
          Header <code className="font-mono">sku,price,valid_from,valid_until</code>; comma or semicolon; UTF-8; at most 5,000 rows and 1 MB.
        </p>
        {tooLarge ? <p role="alert" className="mt-1 text-sm text-red-700">The file is larger than 1 MB. Split it into smaller files.</p> : null}
      </div>
      <SubmitButton pendingLabel="Importing…" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">
        Import prices
      </SubmitButton>
    </form>
  );
}
