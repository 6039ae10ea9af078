import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '@/lib/errors';

/**
 * Signed webhooks of the built-in sandbox provider, Stripe-style:
 * `sandbox-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 * The timestamp is signed with the body, so an old delivery cannot be re-sent with a fresh time, and the
 * tolerance window bounds how long a captured delivery can be replayed at all.
 */
export const SANDBOX_SIGNATURE_HEADER = 'sandbox-signature';
const SANDBOX_SIGNATURE_TOLERANCE_SECONDS = 300;
/** Development and test only; production must set PAYMENT_SANDBOX_WEBHOOK_SECRET. */
const DEV_SECRET = 'sandbox-webhook-secret-for-development-only';

export function sandboxWebhookSecret(env: Record<string, string | undefined> = process.env): string {
  const configured = env.PAYMENT_SANDBOX_WEBHOOK_SECRET?.trim();
  if (configured) return configured;
  if (env.NODE_ENV === 'production') {
    throw new AppError('INTERNAL', 'The sandbox payment provider is not configured.');
  }
  return DEV_SECRET;
}

function hmacHex(secret: string, timestamp: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
}

/** The header value for a body: what the sandbox sends, and what tests sign with. */
export function signSandboxWebhook(rawBody: string, options: { secret?: string; timestamp?: number } = {}): string {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return `t=${timestamp},v1=${hmacHex(options.secret ?? sandboxWebhookSecret(), timestamp, rawBody)}`;
}

function invalid(reason: string): AppError {
  return new AppError('WEBHOOK_SIGNATURE_INVALID', 'The webhook signature is not valid.', { details: { reason } });
}

function parseHeader(header: string): { timestamp: number; signatures: string[] } {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator <= 0) throw invalid('malformed');
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) throw invalid('malformed');
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) throw invalid('malformed');
      signatures.push(value.toLowerCase());
    }
    // Other schemes (a future v2) are ignored, as Stripe does.
  }
  if (timestamp === undefined || signatures.length === 0) throw invalid('malformed');
  return { timestamp, signatures };
}

/**
 * Throws WEBHOOK_SIGNATURE_INVALID unless the header carries a v1 signature of this exact body by this
 * secret, made within the tolerance window of `now` (either side: clocks drift, but a timestamp far in
 * the future is as suspect as a stale one). Compares in constant time.
 */
export function verifySandboxSignature(
  rawBody: string,
  header: string | null | undefined,
  options: { secret?: string; now?: Date; toleranceSeconds?: number } = {},
): void {
  if (!header) throw invalid('missing');
  const { timestamp, signatures } = parseHeader(header);
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? SANDBOX_SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(nowSeconds - timestamp) > tolerance) throw invalid('timestamp_outside_tolerance');
  const expected = Buffer.from(hmacHex(options.secret ?? sandboxWebhookSecret(), timestamp, rawBody), 'hex');
  // Every candidate is compared (no early exit), each in constant time; lengths are fixed by the parser.
  let matched = false;
  for (const signature of signatures) {
    if (timingSafeEqual(expected, Buffer.from(signature, 'hex'))) matched = true;
  }
  if (!matched) throw invalid('mismatch');
}
