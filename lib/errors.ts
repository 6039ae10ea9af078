/**
 * The one error type of the application. Codes are stable (clients and tests match on them); messages are
 * written for the person who sees them. HTTP mapping lives here and nowhere else.
 */
const errorCodes = {
  TENANT_REQUIRED: 400,
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  TENANT_NOT_FOUND: 404,
  NOT_VISIBLE: 404,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  VALIDATION_FAILED: 422,
  ACCOUNT_PENDING: 403,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  CONFLICT: 409,
  WEBHOOK_SIGNATURE_INVALID: 400,
  WEBHOOK_REPLAY_DENIED: 403,
  DATABASE_UNAVAILABLE: 503,
  /** The workflow endpoint was called without the engine's signature (or by a stranger syncing it). */
  WORKFLOW_SIGNATURE_REQUIRED: 401,
  /** The workflow endpoint lacks its production settings (signing key, serve origin). */
  WORKFLOW_NOT_CONFIGURED: 503,
  /** A workflow pool this instance does not serve (`WORKFLOW_SERVE_POOLS`), or no pool at all. */
  WORKFLOW_POOL_NOT_SERVED: 404,
  /** Timed out, unreachable, rate-limited or 5xx: the same call (same idempotency key) may be tried again. */
  PAYMENT_PROVIDER_UNAVAILABLE: 503,
  /** The provider answered and said no (a 4xx): trying again changes nothing. */
  PAYMENT_PROVIDER_REJECTED: 502,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options?: { details?: Record<string, unknown>; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
  }

  get httpStatus(): number {
    return errorCodes[this.code];
  }
}

export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

/** The shape returned to clients: never a stack, never a cause. */
export function toErrorBody(error: unknown): { status: number; body: { code: ErrorCode; message: string } } {
  if (error instanceof AppError) {
    return { status: error.httpStatus, body: { code: error.code, message: error.message } };
  }
  return { status: 500, body: { code: 'INTERNAL', message: 'Something went wrong on our side. Please try again.' } };
}
