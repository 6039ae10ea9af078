import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
import { sandboxWebhookSecret, signSandboxWebhook, verifySandboxSignature } from './sandbox-signature';

const secret = 'whsec_test';
const body = '{"id":"evt_1","type":"payment.succeeded"}';
const now = new Date('2026-03-01T12:00:00Z');
const t = Math.floor(now.getTime() / 1000);

function reasonOf(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    expect(isAppError(error, 'WEBHOOK_SIGNATURE_INVALID')).toBe(true);
    return (error as { details?: { reason?: unknown } }).details?.reason;
  }
  throw new Error('expected WEBHOOK_SIGNATURE_INVALID');
}

describe('sandbox webhook signatures', () => {
  it('accepts a signature of the exact body within the window', () => {
    const header = signSandboxWebhook(body, { secret, timestamp: t - 299 });
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(() => verifySandboxSignature(body, header, { secret, now })).not.toThrow();
  });

  it('rejects a tampered body, a wrong secret and a missing header', () => {
    const header = signSandboxWebhook(body, { secret, timestamp: t });
    expect(reasonOf(() => verifySandboxSignature(body.replace('evt_1', 'evt_2'), header, { secret, now }))).toBe('mismatch');
    expect(reasonOf(() => verifySandboxSignature(body, header, { secret: 'whsec_other', now }))).toBe('mismatch');
    expect(reasonOf(() => verifySandboxSignature(body, null, { secret, now }))).toBe('missing');
    expect(reasonOf(() => verifySandboxSignature(body, '', { secret, now }))).toBe('missing');
  });

  it('rejects a timestamp outside the 300 s window, stale or in the future', () => {
    for (const timestamp of [t - 301, t + 301, 0]) {
      const header = signSandboxWebhook(body, { secret, timestamp });
      expect(reasonOf(() => verifySandboxSignature(body, header, { secret, now }))).toBe('timestamp_outside_tolerance');
    }
  });

  it('binds the timestamp into the signature: a fresh t on an old signature fails', () => {
    const old = signSandboxWebhook(body, { secret, timestamp: t - 3600 });
    const forged = old.replace(/^t=\d+/, `t=${t}`);
    expect(reasonOf(() => verifySandboxSignature(body, forged, { secret, now }))).toBe('mismatch');
  });

  it('rejects malformed headers', () => {
    const v1 = signSandboxWebhook(body, { secret, timestamp: t }).split(',')[1]!;
    for (const header of ['garbage', `t=abc,${v1}`, `${v1}`, `t=${t}`, `t=${t},v1=zz`, `t=${t},v1=abcd`, `t=${t},t=${t},${v1}`, `=x,${v1}`]) {
      expect(reasonOf(() => verifySandboxSignature(body, header, { secret, now }))).toBe('malformed');
    }
  });

  it('accepts any matching v1 among several (secret rotation) and ignores unknown schemes', () => {
    const good = signSandboxWebhook(body, { secret, timestamp: t }).split(',')[1]!;
    const other = signSandboxWebhook(body, { secret: 'old', timestamp: t }).split(',')[1]!;
    expect(() => verifySandboxSignature(body, `t=${t},${other},v0=whatever,${good}`, { secret, now })).not.toThrow();
  });

  it('uses PAYMENT_SANDBOX_WEBHOOK_SECRET, a development default outside production, and refuses to run unconfigured in production', () => {
    expect(sandboxWebhookSecret({ PAYMENT_SANDBOX_WEBHOOK_SECRET: ' s3cret ' })).toBe('s3cret');
    expect(sandboxWebhookSecret({ NODE_ENV: 'development' })).toMatch(/development/);
    expect(() => sandboxWebhookSecret({ NODE_ENV: 'production' })).toThrow(/not configured/);
  });
});

describe('sandbox webhook signatures: properties', () => {
  const tolerance = 300;
  const anyBody = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.json());
  const schemePart = fc.oneof(
    fc.constantFrom('t=', 'v1=', 'v0=abc', '=x', ',', 't=-1', 't=1e3', `t=${t}`, `t=${t},t=${t}`, `v1=${'a'.repeat(64)}`, `v1=${'g'.repeat(64)}`),
    fc.string({ maxLength: 20 }),
  );
  const forgedHeader = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 120 }),
    fc.array(schemePart, { maxLength: 5 }).map((parts) => parts.join(',')),
    fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `t=${t},v1=${hex}`),
    fc.constantFrom(null, undefined, ''),
  );

  it('a forged header is refused with WEBHOOK_SIGNATURE_INVALID and nothing else', () => {
    fc.assert(
      fc.property(anyBody, forgedHeader, (raw, header) => {
        reasonOf(() => verifySandboxSignature(raw, header, { secret, now }));
      }),
      { numRuns: 500 },
    );
  });

  it('accepts exactly the signed body, by the same secret, within the window, however the header is spaced', () => {
    fc.assert(
      fc.property(anyBody, fc.integer({ min: -tolerance, max: tolerance }), fc.boolean(), (raw, skew, decorate) => {
        const signed = signSandboxWebhook(raw, { secret, timestamp: t + skew });
        const header = decorate ? ` ${signed.replace(',', ' , v2=ignored, ').toUpperCase().replace('T=', 't=').replace('V1=', 'v1=')} ` : signed;
        expect(() => verifySandboxSignature(raw, header, { secret, now })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('refuses any other body, another secret or a time outside the window', () => {
    fc.assert(
      fc.property(anyBody, anyBody, fc.integer({ min: tolerance + 1, max: 10 * tolerance }), fc.boolean(), (raw, other, skew, past) => {
        const signed = signSandboxWebhook(raw, { secret, timestamp: t });
        if (other !== raw) expect(reasonOf(() => verifySandboxSignature(other, signed, { secret, now }))).toBe('mismatch');
        expect(reasonOf(() => verifySandboxSignature(raw, signed, { secret: `${secret}x`, now }))).toBe('mismatch');
        const stale = signSandboxWebhook(raw, { secret, timestamp: past ? t - skew : t + skew });
        expect(reasonOf(() => verifySandboxSignature(raw, stale, { secret, now }))).toBe('timestamp_outside_tolerance');
      }),
      { numRuns: 300 },
    );
  });
});
