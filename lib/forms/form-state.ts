/**
 * Form state the browser shares with the server: the type, the idle state and pure helpers. Client
 * components import this module, so it must stay free of the logger, the database and anything
 * server-only; turning an error into a form state (which logs) lives in `form-error-state.ts`.
 */

/** What a server action returns to its form: never loses what the person typed (passwords excepted). */
export interface FormState {
  status: 'idle' | 'error' | 'success';
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
}

export const idleFormState: FormState = { status: 'idle' };

const SECRET_FIELDS = new Set(['password', 'currentPassword', 'newPassword', 'confirmPassword', 'token']);

/**
 * What the person sent, to show again after an error: the last value of each name. `lists` names the
 * checkbox groups, whose every ticked value is kept, joined by `|` as the catalog writes lists
 * (`audi|bmw`; see `listValue`).
 */
export function formValues(formData: FormData, options: { lists?: readonly string[] } = {}): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && !SECRET_FIELDS.has(key) && !key.startsWith('$ACTION')) values[key] = value;
  }
  for (const name of options.lists ?? [])
    values[name] = formData
      .getAll(name)
      .filter((v) => typeof v === 'string')
      .join(LIST_SEPARATOR);
  return values;
}

const LIST_SEPARATOR = '|';

/** Every value of a checkbox group as `formValues` kept it. */
export function listValue(values: Record<string, string> | undefined, name: string): string[] {
  const joined = values?.[name];
  return joined ? joined.split(LIST_SEPARATOR) : [];
}

/**
 * Whether a checkbox or radio should be ticked: as it was sent once the form was submitted (a box that
 * was not ticked is not in the form data at all, so absence means unticked), else `initial`.
 */
export function checkedAfter(state: FormState, name: string, value: string, initial: boolean): boolean {
  if (!state.values) return initial;
  return state.values[name] === value || listValue(state.values, name).includes(value);
}

const formKeys = new WeakMap<FormState, number>();
let lastFormKey = 0;

/**
 * A key that changes with every action result. React resets a form after its action, which unticks a
 * controlled checkbox or radio in the page while its state still says ticked; a form keyed on this
 * mounts anew instead, every field drawn from the current state and defaults.
 */
export function formKey(state: FormState): string {
  let key = formKeys.get(state);
  if (key === undefined) formKeys.set(state, (key = ++lastFormKey));
  return `form-${key}`;
}

/** A field's value as sent, else its value before any submission. */
export function valueAfter(state: FormState, name: string, initial = ''): string {
  return state.values?.[name] ?? initial;
}

/**
 * Passwords are never sent back to the browser, so after a refused submission their field is empty:
 * say so on the field, unless it has its own error.
 */
export function secretFieldError(state: FormState, name: string): string | undefined {
  return state.fieldErrors?.[name] ?? (state.status === 'error' && state.values ? 'For your security, enter this password again.' : undefined);
}

/**
 * Only same-site paths: `?callbackUrl=https://evil.example` must not become an open redirect. Control
 * characters are refused too: URL parsing drops tabs and newlines, so `/\t/evil.example` resolves to
 * `//evil.example`, another site.
 */
export function safeRedirectPath(value: unknown, fallback = '/account'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  // It becomes a Location header, which carries ASCII only: anything else is %-escaped as UTF-8 (a lone
  // surrogate as U+FFFD), so `/products?q=é😀` arrives as typed instead of failing the response.
  return value.toWellFormed().replace(/[^\x21-\x7e]+/g, (run) => encodeURIComponent(run));
}

/** What an all-or-nothing file import returns to its form: on refusal, the failing rows to list. */
export interface ImportFormState extends FormState {
  rowErrors?: string[];
  rowErrorCount?: number;
}
