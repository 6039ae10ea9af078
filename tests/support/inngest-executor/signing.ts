import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signing key's three uses, as Inngest Cloud and SDK v4 make them (inngest/helpers/net.js,
 * helpers/strings.js, components/InngestCommHandler.js):
 * - `X-Inngest-Signature: t=<unix seconds>&s=<hex>` on every request to the app, an HMAC-SHA256 of the
 *   body followed by the timestamp, keyed with the key minus its `signkey-<env>-` prefix. The SDK
 *   verifies it over the *canonical* JSON of the parsed body (RFC 8785 key order), so the double sends
 *   canonical JSON and the bytes it signs are the bytes the SDK re-creates;
 * - the same header on the app's answer, an HMAC of the response body, which the engine checks;
 * - `Authorization: Bearer <prefix><sha256 of the hex-decoded key>` on every call from the SDK to the
 *   engine's API (sync, checkpoints).
 * Timestamps are wall-clock time, not the virtual clock: the SDK refuses signatures older than 5 minutes.
 */

const PREFIX = /^signkey-[\w]+-/;

/** JSON with object keys sorted at every level, as `canonicalize` (RFC 8785) writes it. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON(): unknown }).toJSON());
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function hmac(body: string, signingKey: string, timestamp: string): string {
  return createHmac('sha256', signingKey.replace(PREFIX, '')).update(body).update(timestamp).digest('hex');
}

/** The `X-Inngest-Signature` value for a body, signed now. */
export function signBody(body: string, signingKey: string, nowMs = Date.now()): string {
  const timestamp = Math.floor(nowMs / 1000).toString();
  return `t=${timestamp}&s=${hmac(body, signingKey, timestamp)}`;
}

/** Why a signature over `body` is not this key's, or undefined when it is. */
export function signatureProblem(header: string | null, body: string, signingKey: string): string | undefined {
  if (!header) return 'no X-Inngest-Signature';
  const params = new URLSearchParams(header);
  const timestamp = params.get('t');
  const signature = params.get('s');
  if (!timestamp || !signature) return `malformed X-Inngest-Signature ${JSON.stringify(header)}`;
  const expected = Buffer.from(hmac(body, signingKey, timestamp));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return 'X-Inngest-Signature does not match the body';
  return undefined;
}

/** The bearer token the SDK sends to the engine's API: the key's prefix, then sha256 of the key as hex bytes. */
export function hashedSigningKey(signingKey: string): string {
  const prefix = signingKey.match(PREFIX)?.[0] ?? '';
  return (
    prefix +
    createHash('sha256')
      .update(Buffer.from(signingKey.replace(PREFIX, ''), 'hex'))
      .digest('hex')
  );
}
