import { isAppError, toErrorBody } from '@/lib/errors';
import { log } from '@/lib/log';

/** What a server action returns to its form: never loses what the person typed (passwords excepted). */
export interface FormState {
  status: 'idle' | 'error' | 'success';
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
}

export const idleFormState: FormState = { status: 'idle' };

const SECRET_FIELDS = new Set(['password', 'currentPassword', 'newPassword', 'confirmPassword', 'token']);

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && !SECRET_FIELDS.has(key) && !key.startsWith('$ACTION')) values[key] = value;
  }
  return values;
}

export function errorFormState(error: unknown, values: Record<string, string>): FormState {
  if (isAppError(error, 'VALIDATION_FAILED')) {
    const fieldErrors = (error.details?.fieldErrors as Record<string, string> | undefined) ?? {};
    return { status: 'error', message: error.message, fieldErrors, values };
  }
  if (!isAppError(error)) log.error({ err: error }, 'form action failed');
  return { status: 'error', message: toErrorBody(error).body.message, values };
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

export function importErrorState(error: unknown): ImportFormState {
  const state: ImportFormState = errorFormState(error, {});
  if (isAppError(error, 'VALIDATION_FAILED')) {
    state.rowErrors = (error.details?.rowErrors as string[] | undefined) ?? [];
    state.rowErrorCount = (error.details?.rowErrorCount as number | undefined) ?? state.rowErrors.length;
  }
  return state;
}
