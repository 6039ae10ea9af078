import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError, isAppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { timeoutFromEnv } from '@/lib/timeouts';
import { PaymentProviderResponseError } from './payment-provider';
import { callPaymentProvider, isRetryableProviderStatus, paymentProviderTimeoutMs } from './provider-call';

const context = { provider: 'acmepay', operation: 'refund', tenantId: 't1', paymentId: 'p1', idempotencyKey: 'refund:manual:o1' } as const;
const SECRET = 'sk_live_do_not_leak';

async function failureOf(call: (signal: AbortSignal) => Promise<unknown>, timeoutMs = 50): Promise<AppError> {
  const error = await callPaymentProvider(context, call, timeoutMs).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

afterEach(() => vi.restoreAllMocks());

describe('calling a payment provider', () => {
  it('returns the answer when it comes in time', async () => {
    await expect(callPaymentProvider(context, async () => ({ providerRefundId: 're_1' }), 50)).resolves.toEqual({ providerRefundId: 're_1' });
  });

  it('gives up at the deadline, aborts the signal, and says the call may be retried', async () => {
    let signal: AbortSignal | undefined;
    const warn = vi.spyOn(log, 'warn');
    const error = await failureOf((s) => {
      signal = s;
      // Ignores its signal: only the race ends the wait.
      return new Promise(() => undefined);
    });
    expect(error.code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
    expect(error.httpStatus).toBe(503);
    expect(error.message).toBe('The payment provider (acmepay) did not answer within 50 ms.');
    expect(error.details).toEqual({ provider: 'acmepay', statusCode: null, retryable: true });
    expect(signal?.aborted).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatchObject({ ...context, timedOut: true, retryable: true, code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
  });

  it('treats 5xx, 429, 408, 409 and 425 as retryable, other 4xx as a refusal', async () => {
    for (const status of [500, 502, 503, 504, 429, 408, 409, 425]) expect(isRetryableProviderStatus(status)).toBe(true);
    for (const status of [400, 401, 402, 403, 404, 422]) expect(isRetryableProviderStatus(status)).toBe(false);

    const down = await failureOf(async () => {
      throw new PaymentProviderResponseError(503);
    });
    expect(down.code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
    expect(down.details).toEqual({ provider: 'acmepay', statusCode: 503, retryable: true });
    expect(down.message).toBe('The payment provider (acmepay) is unavailable (HTTP 503).');

    const refused = await failureOf(async () => {
      throw new PaymentProviderResponseError(400, 'charge_already_refunded');
    });
    expect(refused.code).toBe('PAYMENT_PROVIDER_REJECTED');
    expect(refused.details).toEqual({ provider: 'acmepay', statusCode: 400, providerCode: 'charge_already_refunded', retryable: false });
    expect(refused.message).toBe('The payment provider (acmepay) refused the refund (HTTP 400, charge_already_refunded).');
  });

  it('treats a network failure as retryable and keeps what it said (and any secret in it) out of the error', async () => {
    const warn = vi.spyOn(log, 'warn');
    const error = await failureOf(async () => {
      throw new TypeError(`fetch failed for https://api.example.test/refunds?key=${SECRET}`, {
        cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
      });
    });
    expect(error.code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
    expect(error.details).toEqual({ provider: 'acmepay', statusCode: null, retryable: true });
    expect(error.cause).toBeUndefined();
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(SECRET);
    expect(warn.mock.calls[0]![0]).toMatchObject({ timedOut: false, errorName: 'TypeError', errorCode: 'ECONNREFUSED' });
    expect(JSON.stringify(warn.mock.calls)).not.toContain(SECRET);
  });

  it('passes an in-process provider’s own AppError through unchanged', async () => {
    const own = new AppError('NOT_FOUND', 'The sandbox knows no such payment.');
    expect(await failureOf(async () => Promise.reject(own))).toBe(own);
    expect(isAppError(own, 'NOT_FOUND')).toBe(true);
  });

  it('reads its deadline from PAYMENT_PROVIDER_TIMEOUT_MS and refuses a value that is not a sane number of ms', () => {
    expect(paymentProviderTimeoutMs({})).toBe(15_000);
    expect(paymentProviderTimeoutMs({ PAYMENT_PROVIDER_TIMEOUT_MS: ' ' })).toBe(15_000);
    expect(paymentProviderTimeoutMs({ PAYMENT_PROVIDER_TIMEOUT_MS: '2500' })).toBe(2_500);
    for (const bad of ['0', '-1', '1.5', '15s', '120001', '1e4', 'Infinity']) {
      expect(() => timeoutFromEnv('PAYMENT_PROVIDER_TIMEOUT_MS', 15_000, { PAYMENT_PROVIDER_TIMEOUT_MS: bad })).toThrow(
        /PAYMENT_PROVIDER_TIMEOUT_MS must be a whole number/,
      );
    }
  });
});
