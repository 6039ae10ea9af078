import { describe, expect, it } from 'vitest';
import { describePublishError, inngestSecretsFromEnv, MAX_ERROR_LENGTH } from './publish-error';
import { retryDelaySeconds } from './relay-batch';

describe('describePublishError', () => {
  const secrets = inngestSecretsFromEnv({ INNGEST_EVENT_KEY: 'evtkey_0123456789abcdef', INNGEST_SIGNING_KEY: 'signkey-prod-00ff00ff00ff' });

  it('never stores an event key, a signing key or URL credentials', () => {
    const error = new Error('fetch failed', {
      cause: new Error(
        'request to https://inn.gs/e/evtkey_0123456789abcdef failed; key evtkey_0123456789abcdef; signkey-prod-00ff00ff00ff; postgres://relay:hunter2@db/x; Bearer abc.def',
      ),
    });
    const text = describePublishError(error, secrets);
    for (const secret of ['evtkey_0123456789abcdef', 'signkey-prod-00ff00ff00ff', 'hunter2', 'abc.def']) expect(text).not.toContain(secret);
    expect(text).toContain('fetch failed');
    expect(text).toContain('/e/[redacted]');
  });

  it('removes a key in the event URL even when the key is not in the environment', () => {
    expect(describePublishError(new Error('POST http://127.0.0.1:8288/e/some-other-key failed'), [])).toBe('POST http://127.0.0.1:8288/e/[redacted] failed');
  });

  it('keeps the text bounded and on one line', () => {
    const text = describePublishError(new Error(`Inngest API Error: 413\n${'x'.repeat(5_000)}`), []);
    expect(text.length).toBe(MAX_ERROR_LENGTH);
    expect(text).not.toContain('\n');
    expect(text.endsWith('…')).toBe(true);
  });

  it('describes thrown non-errors too', () => {
    expect(describePublishError('timeout', [])).toBe('timeout');
    expect(describePublishError(undefined, [])).toBe('undefined');
  });
});

describe('retryDelaySeconds', () => {
  it('backs off exponentially from the row’s creation, then every five minutes', () => {
    expect([0, 1, 2, 3, 8, 9, 10, 11].map(retryDelaySeconds)).toEqual([0, 1, 3, 7, 255, 511, 811, 1111]);
  });
});
