'use client';

import { useActionState, useState } from 'react';
import { FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import type { FormState } from '@/lib/forms/form-state';

export type CsvImportState = FormState & { rowErrors?: string[]; rowErrorCount?: number };
const idle: CsvImportState = { status: 'idle' };

/**
 * Uploads a CSV to an all-or-nothing import: the server checks every row, and on refusal each failing
 * row is listed here. A file over the size limit is stopped in the browser before it is sent.
 */
export function CsvImportForm(props: {
  action: (state: CsvImportState, formData: FormData) => Promise<CsvImportState>;
  id: string;
  maxBytes: number;
  tooLargeMessage: string;
  hint: React.ReactNode;
  submitLabel: string;
  buttonClassName: string;
  /** Fields the import takes beside the file (e.g. a mode), given the last answer. */
  fields?: (state: CsvImportState) => React.ReactNode;
}) {
  const [state, action] = useActionState(props.action, idle);
  const [tooLarge, setTooLarge] = useState(false);
  const rowErrors = state.status === 'error' ? (state.rowErrors ?? []) : [];
  const hidden = (state.rowErrorCount ?? rowErrors.length) - rowErrors.length;
  return (
    <form action={action} className="space-y-3" onSubmit={(event) => tooLarge && event.preventDefault()}>
      <FormMessage state={state} />
      {rowErrors.length > 0 ? (
        <ul
          className="max-h-80 list-inside space-y-0.5 overflow-y-auto rounded-md border border-red-200 bg-white px-3 py-2 text-sm text-red-800"
          data-testid="import-row-errors"
        >
          {rowErrors.map((error) => (
            <li key={error}>{error}</li>
          ))}
          {hidden > 0 ? <li className="text-slate-600">… and {hidden.toLocaleString('en-GB')} more.</li> : null}
        </ul>
      ) : null}
      {props.fields?.(state)}
      <div>
        <label htmlFor={props.id} className="mb-1 block text-sm font-medium">
          CSV file
        </label>
        <input
          id={props.id}
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          aria-describedby={`${props.id}-hint`}
          onChange={(event) => setTooLarge((event.target.files?.[0]?.size ?? 0) > props.maxBytes)}
          className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-semibold"
        />
        <p id={`${props.id}-hint`} className="mt-1 text-xs text-slate-600">
          {props.hint}
        </p>
        {tooLarge ? (
          <p role="alert" className="mt-1 text-sm text-red-700">
            {props.tooLargeMessage}
          </p>
        ) : null}
      </div>
      <SubmitButton pendingLabel="Importing…" className={props.buttonClassName}>
        {props.submitLabel}
      </SubmitButton>
    </form>
  );
}
