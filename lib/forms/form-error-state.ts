import 'server-only';
import { isAppError, toErrorBody } from '@/lib/errors';
import { log } from '@/lib/log';
import type { FormState, ImportFormState } from './form-state';

/**
 * What a server action returns when it fails: the error as its form shows it. Server-only because it
 * logs unexpected errors through pino; the form state's type and pure helpers are in `form-state.ts`,
 * which client components import.
 */
export function errorFormState(error: unknown, values: Record<string, string>): FormState {
  if (isAppError(error, 'VALIDATION_FAILED')) {
    const fieldErrors = (error.details?.fieldErrors as Record<string, string> | undefined) ?? {};
    return { status: 'error', message: error.message, fieldErrors, values };
  }
  if (!isAppError(error)) log.error({ err: error }, 'form action failed');
  return { status: 'error', message: toErrorBody(error).body.message, values };
}

export function importErrorState(error: unknown): ImportFormState {
  const state: ImportFormState = errorFormState(error, {});
  if (isAppError(error, 'VALIDATION_FAILED')) {
    state.rowErrors = (error.details?.rowErrors as string[] | undefined) ?? [];
    state.rowErrorCount = (error.details?.rowErrorCount as number | undefined) ?? state.rowErrors.length;
  }
  return state;
}
