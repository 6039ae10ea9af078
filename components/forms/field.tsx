import { clsx } from 'clsx';

type FieldProps = {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  defaultValue?: string;
  type?: string;
  autoComplete?: string;
  required?: boolean;
  inputMode?: React.HTMLAttributes<HTMLInputElement>['inputMode'];
  maxLength?: number;
};

/** A labelled input whose error is announced and tied to it (aria-invalid, aria-describedby). */
export function Field({ name, label, error, hint, defaultValue, type = 'text', autoComplete, required, inputMode, maxLength }: FieldProps) {
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
        {required ? (
          <span aria-hidden className="text-red-700">
            {' '}
            *
          </span>
        ) : null}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        required={required}
        inputMode={inputMode}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={clsx('w-full rounded-md border bg-white px-3 py-2 text-base sm:text-sm', error ? 'border-red-600 ring-1 ring-red-600' : 'border-slate-300')}
      />
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function SelectField(props: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  error?: string;
  required?: boolean;
  autoComplete?: string;
}) {
  const id = `field-${props.name}`;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {props.label}
        {props.required ? (
          <span aria-hidden className="text-red-700">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {/* React sets a select's default only when it mounts, and resets the form to the defaults after
          every action: keyed on its default, the select mounts anew with the value that was sent. */}
      <select
        key={props.defaultValue ?? ''}
        id={id}
        name={props.name}
        defaultValue={props.defaultValue ?? ''}
        required={props.required}
        autoComplete={props.autoComplete}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        className={clsx('w-full rounded-md border bg-white px-3 py-2 text-base sm:text-sm', props.error ? 'border-red-600' : 'border-slate-300')}
      >
        <option value="" disabled>
          Choose…
        </option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export function FormMessage({ state }: { state: { status: string; message?: string } }) {
  if (!state.message || state.status === 'idle') return null;
  const tone = state.status === 'error' ? 'border-red-200 bg-red-50 text-red-800' : 'border-emerald-200 bg-emerald-50 text-emerald-800';
  return (
    <p role={state.status === 'error' ? 'alert' : 'status'} className={clsx('rounded-md border px-3 py-2 text-sm', tone)}>
      {state.message}
    </p>
  );
}
