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
