import { Resend } from 'resend';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { timeoutFromEnv } from '@/lib/timeouts';

export interface OutgoingEmail {
  from: string;
  replyTo: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

const DEFAULT_EMAIL_SEND_TIMEOUT_MS = 15_000;

/**
 * Bounds how long a send holds its sent_emails transaction (and so its database connection) open. Read
 * per call from EMAIL_SEND_TIMEOUT_MS, so a changed environment (and a test) takes effect at once.
 */
export function emailSendTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  return timeoutFromEnv('EMAIL_SEND_TIMEOUT_MS', DEFAULT_EMAIL_SEND_TIMEOUT_MS, env);
}

/**
 * Rate limits, timeouts, server errors and a send still in progress under the same key may pass; a
 * rejected address, key or payload will not.
 */
function isRetryable(statusCode: number | null, errorName: string): boolean {
  return statusCode === null || statusCode === 429 || statusCode >= 500 || errorName === 'concurrent_idempotent_requests';
}

/**
 * Hands one message to Resend and returns the provider's message id. A client per call, because the SDK
 * reads `RESEND_BASE_URL` when it is constructed and tests change it between sends. The provider-side
 * idempotency key makes a resend after a lost response (timeout, crash before commit) a no-op at Resend
 * for 24 hours: the retry gets the first message's id back and nothing is delivered twice.
 */
export async function deliverViaResend(apiKey: string, email: OutgoingEmail, idempotencyKey: string): Promise<string> {
  const timeoutMs = emailSendTimeoutMs();
  const signal = AbortSignal.timeout(timeoutMs);
  const resend = new Resend(apiKey, { baseUrl: process.env.RESEND_BASE_URL || undefined });
  const started = Date.now();
  const { data, error } = await resend.emails.send(
    { from: email.from, to: email.to, replyTo: email.replyTo, subject: email.subject, html: email.html, text: email.text },
    { idempotencyKey, signal },
  );
  if (error || !data?.id) {
    const statusCode = error?.statusCode ?? null;
    // The SDK reports an aborted request as a fetch failure without a status; the signal says why.
    const timedOut = signal.aborted;
    const errorName = timedOut ? 'timeout' : (error?.name ?? 'no_message_id');
    const details = { provider: 'resend', errorName, statusCode, retryable: isRetryable(statusCode, errorName) };
    log.warn({ ...details, idempotencyKey, timedOut, timeoutMs, durationMs: Date.now() - started }, 'email provider call failed');
    throw new AppError('INTERNAL', 'The email could not be sent. Please try again.', {
      details,
      cause: timedOut ? new Error(`Resend did not answer within ${timeoutMs} ms`) : error ? new Error(`${error.name}: ${error.message}`) : undefined,
    });
  }
  return data.id;
}
