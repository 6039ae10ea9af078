'use client';

import { clsx } from 'clsx';
import { useState } from 'react';
import { HEX_COLOR } from '@/lib/branding/branding-rules';

type Props = {
  name: 'primaryColor' | 'accentColor';
  label: string;
  hint: string;
  value: string;
  onChange: (hex: string) => void;
  error?: string;
};

/**
 * A colour picker and the same colour as `#rrggbb` text, kept in step: picking fills the text, and a
 * complete code typed in the text moves the picker. The text field is what the form sends.
 */
export function BrandingColorField({ name, label, hint, value, onChange, error }: Props) {
  const [draft, setDraft] = useState(value);
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    // The picker moved: show its colour in the text field too.
    setLastValue(value);
    if (value.toLowerCase() !== draft.toLowerCase()) setDraft(value);
  }
  const id = `field-${name}`;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
        <span aria-hidden className="text-red-700">
          {' '}
          *
        </span>
      </label>
      <div className="flex items-center gap-2">
        <input
          type="color"
          aria-label={`${label}: colour picker`}
          value={HEX_COLOR.test(value) ? value.toLowerCase() : '#000000'}
          onChange={(e) => onChange(e.target.value)}
          className="h-10 w-14 shrink-0 cursor-pointer rounded-md border border-slate-300 bg-white p-1"
        />
        <input
          id={id}
          name={name}
          value={draft}
          onChange={(e) => {
            const text = e.target.value.trim();
            setDraft(e.target.value);
            const hex = text.startsWith('#') ? text : `#${text}`;
            if (HEX_COLOR.test(hex)) onChange(hex.toLowerCase());
          }}
          required
          maxLength={7}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={clsx(
            'w-full max-w-[9rem] rounded-md border bg-white px-3 py-2 font-mono text-base sm:text-sm',
            error ? 'border-red-600 ring-1 ring-red-600' : 'border-slate-300',
          )}
        />
      </div>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
        {hint}
      </p>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
