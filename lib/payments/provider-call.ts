import { AppError, isAppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { timeoutFromEnv } from '@/lib/timeouts';
import { PaymentProviderResponseError } from './payment-provider';

const DEFAULT_PAYMENT_PROVIDER_TIMEOUT_MS = 15_000;

/** Read per call, so a changed environment (and a test) takes effect without a restart. */
export function paymentProviderTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  return timeoutFromEnv('PAYMENT_PROVIDER_TIMEOUT_MS', DEFAULT_PAYMENT_PROVIDER_TIMEOUT_MS, env);
}

/**
 * Answers worth repeating under the same idempotency key: the provider was busy, overloaded or down
 * (408, 429, 5xx), or still working on the first attempt of the key (409, 425; card providers answer a
 * concurrent request with the same key that way). Every other 4xx is a refusal that a retry cannot change.
 */
export function isRetryableProviderStatus(statusCode: number): boolean {
  return statusCode === 408 || statusCode === 409 || statusCode === 425 || statusCode === 429 || statusCode >= 500;
}

export interface ProviderCallContext {
  provider: string;
  operation: 'refund';
  tenantId: string;
  paymentId: string;
  idempotencyKey: string;
}

class DeadlineExceeded extends Error {
  constructor(ms: number) {
    super(`No answer within ${ms} ms.`);
    this.name = 'DeadlineExceeded';
  }
}

const PROVIDER_CODE = /^[a-z0-9_.-]{1,64}$/i;

/**
 * Calls a payment provider with a deadline, and turns whatever went wrong into one of two stable errors:
 * PAYMENT_PROVIDER_UNAVAILABLE (timeout, network failure, 408/409/425/429, 5xx: `retryable: true`) or
 * PAYMENT_PROVIDER_REJECTED (any other 4xx: `retryable: false`). A timed-out call may have been performed
 * by the provider all the same; only the caller's unchanged idempotency key makes the retry safe.
 *
 * The deadline is enforced by a race as well as the abort signal, so an adapter that ignores its signal
 * cannot hold a workflow step for ever. Errors carry no cause and no provider message: those can echo
 * request data or credentials, and step errors travel to the workflow engine.
 */
export async function callPaymentProvider<T>(
  context: ProviderCallContext,
  call: (signal: AbortSignal) => Promise<T>,
  timeoutMs = paymentProviderTimeoutMs(),
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const exceeded = new DeadlineExceeded(timeoutMs);
      controller.abort(exceeded);
      reject(exceeded);
    }, timeoutMs);
  });
  const attempt = Promise.resolve().then(() => call(controller.signal));
  // The loser of the race settles later, unobserved.
  attempt.catch(() => undefined);
  const started = Date.now();
  try {
    return await Promise.race([attempt, deadline]);
  } catch (error) {
    const timedOut = error instanceof DeadlineExceeded || (controller.signal.aborted && controller.signal.reason instanceof DeadlineExceeded);
    const classified = classify(error, context, timedOut, timeoutMs);
    log.warn(
      {
        ...context,
        durationMs: Date.now() - started,
        timedOut,
        statusCode: classified.details?.statusCode ?? null,
        retryable: classified.details?.retryable ?? false,
        code: classified.code,
        errorName: error instanceof Error ? error.name : typeof error,
        errorCode: systemErrorCode(error),
      },
      'payment provider call failed',
    );
    throw classified;
  } finally {
    clearTimeout(timer);
  }
}

function classify(error: unknown, context: ProviderCallContext, timedOut: boolean, timeoutMs: number): AppError {
  const { provider } = context;
  if (timedOut) {
    return unavailable(`The payment provider (${provider}) did not answer within ${timeoutMs} ms.`, provider, null);
  }
  if (error instanceof PaymentProviderResponseError) {
    const providerCode = error.providerCode && PROVIDER_CODE.test(error.providerCode) ? error.providerCode : null;
    if (isRetryableProviderStatus(error.statusCode)) {
      return unavailable(`The payment provider (${provider}) is unavailable (HTTP ${error.statusCode}).`, provider, error.statusCode);
    }
    return new AppError(
      'PAYMENT_PROVIDER_REJECTED',
      `The payment provider (${provider}) refused the ${context.operation} (HTTP ${error.statusCode}${providerCode ? `, ${providerCode}` : ''}).`,
      {
        details: { provider, statusCode: error.statusCode, providerCode, retryable: false },
      },
    );
  }
  // An in-process provider's own refusal (e.g. the sandbox's) is already one of ours.
  if (isAppError(error)) return error;
  return unavailable(`The payment provider (${provider}) could not be reached.`, provider, null);
}

function unavailable(message: string, provider: string, statusCode: number | null): AppError {
  return new AppError('PAYMENT_PROVIDER_UNAVAILABLE', message, { details: { provider, statusCode, retryable: true } });
}

/** `ECONNREFUSED` and friends, which fetch keeps in `cause`. */
function systemErrorCode(error: unknown): string | null {
  for (let current: unknown = error, depth = 0; current && depth < 3; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return code;
  }
  return null;
}
