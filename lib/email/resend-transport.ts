import { Resend } from 'resend';
import { AppError } from '@/lib/errors';

export interface OutgoingEmail {
  from: string;
  replyTo: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** Bounds how long a send holds its sent_emails transaction (and so its database connection) open. */
const SEND_TIMEOUT_MS = 15_000;

/** Rate limits, timeouts and server errors may pass; a rejected address or key will not. */
function isRetryable(statusCode: number | null): boolean {
  return statusCode === null || statusCode === 429 || statusCode >= 500;
}

/**
 * Hands one message to Resend and returns the provider's message id. A client per call, because the SDK
 * reads `RESEND_BASE_URL` when it is constructed and tests change it between sends. The provider-side
 * idempotency key makes a resend after a lost response (timeout, crash before commit) a no-op at Resend
 * for 24 hours.
 */
export async function deliverViaResend(apiKey: string, email: OutgoingEmail, idempotencyKey: string): Promise<string> {
  const resend = new Resend(apiKey, { baseUrl: process.env.RESEND_BASE_URL || undefined });
  const { data, error } = await resend.emails.send(
    { from: email.from, to: email.to, replyTo: email.replyTo, subject: email.subject, html: email.html, text: email.text },
    { idempotencyKey, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) },
  );
  if (error || !data?.id) {
    const statusCode = error?.statusCode ?? null;
    throw new AppError('INTERNAL', 'The email could not be sent. Please try again.', {
      details: { provider: 'resend', errorName: error?.name ?? 'no_message_id', statusCode, retryable: isRetryable(statusCode) },
      cause: error ? new Error(`${error.name}: ${error.message}`) : undefined,
    });
  }
  return data.id;
}
