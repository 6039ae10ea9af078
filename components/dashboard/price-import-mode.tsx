'use client';

import { useState } from 'react';
import type { CsvImportState } from '@/components/forms/csv-import-form';

const MODES = [
  {
    value: 'add',
    label: 'Add to my prices',
    hint: 'New rows are added; a row for an existing price (same SKU and valid_from) updates it. Nothing else changes.',
  },
  {
    value: 'replace',
    label: 'Replace the prices of the articles in the file',
    hint: 'For every SKU in the file, the file becomes its price list: its current and future prices that the file leaves out are withdrawn. Articles not in the file keep their prices; past prices always stay on record.',
  },
] as const;

/** The import's mode, with the confirmation a replacement needs before it may withdraw anything. */
export function PriceImportMode({ state }: { state: CsvImportState }) {
  // Uncontrolled, with the last submitted mode as the default: React resets a form after its action,
  // and a reset goes back to the defaults, so the choice survives the answer.
  const submitted = state.values?.mode === 'replace' ? 'replace' : 'add';
  const [mode, setMode] = useState<string>(submitted);
  const errors = state.fieldErrors ?? {};
  return (
    <>
      <fieldset aria-describedby={errors.mode ? 'import-mode-error' : undefined}>
        <legend className="mb-1 text-sm font-medium">What the file does</legend>
        <div className="space-y-2">
          {MODES.map((m) => (
            <label key={m.value} className="flex items-start gap-2 rounded-md border border-slate-200 p-2 text-sm has-[:checked]:border-slate-900">
              <input
                type="radio"
                name="mode"
                value={m.value}
                defaultChecked={submitted === m.value}
                onChange={() => setMode(m.value)}
                className="mt-1"
                aria-describedby={`import-mode-${m.value}-hint`}
              />
              <span>
                <span className="block font-medium">{m.label}</span>
                <span id={`import-mode-${m.value}-hint`} className="block text-slate-600">
                  {m.hint}
                </span>
              </span>
            </label>
          ))}
        </div>
        {errors.mode ? (
          <p id="import-mode-error" className="mt-1 text-sm text-red-700">
            {errors.mode}
          </p>
        ) : null}
      </fieldset>
      {mode === 'replace' ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950">
          <label className="flex items-start gap-2">
            <input
              type="checkbox"
              name="confirmReplace"
              value="yes"
              required
              className="mt-1"
              aria-invalid={errors.confirmReplace ? true : undefined}
              aria-describedby={errors.confirmReplace ? 'confirm-replace-error' : undefined}
            />
            <span>I understand that current and future prices of these articles that the file leaves out are withdrawn.</span>
          </label>
          {errors.confirmReplace ? (
            <p id="confirm-replace-error" className="mt-1 text-red-700">
              {errors.confirmReplace}
            </p>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
