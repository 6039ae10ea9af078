import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { ACME_CUSTOM_DOMAIN, E2E_PORT } from './support/hosts';
import { rawRequest, sendRaw, type SocketAnswer } from './support/raw-socket';

/**
 * Random bytes where the request line and body have structure: path segments, methods, multipart
 * bodies, written byte for byte to the production build. Whatever arrives, the answer is a status below
 * 500 and the server keeps answering. CI runs one fixed seed; `FC_SEED=<n>` replays a run (fast-check
 * prints the seed of a failure). About three hundred requests in all.
 */
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20_261_123 : undefined;
const runs = { numRuns: 100, ...(seed !== undefined && Number.isSafeInteger(seed) ? { seed } : {}) };

const HOSTS = [`localhost:${E2E_PORT}`, `admin.localhost:${E2E_PORT}`, `acme.localhost:${E2E_PORT}`, `${ACME_CUSTOM_DOMAIN}:${E2E_PORT}`];
const host = fc.constantFrom(...HOSTS);
const PREFIXES = [
  '/',
  '/products/',
  '/account/orders/',
  '/pay/sandbox/',
  '/dashboard/',
  '/dashboard/orders/',
  '/tenants/',
  '/catalog/articles/',
  '/api/auth/',
  '/api/staff-auth/',
  '/api/tenant-assets/',
  '/api/webhooks/payments/',
  '/_next/static/',
  '/fonts/',
];

const hex = fc.constantFrom(...'0123456789abcdefABCDEFgz%'.split(''));
/** A segment as raw bytes: anything, or text full of %-escapes (broken ones included), or plain letters. */
const segment = fc.oneof(
  fc.uint8Array({ maxLength: 12 }).map((bytes) => Buffer.from(bytes)),
  fc.array(fc.tuple(hex, hex), { maxLength: 6 }).map((pairs) => Buffer.from(pairs.map(([a, b]) => `%${a}${b}`).join(''))),
  fc.string({ unit: 'grapheme', maxLength: 8 }).map((text) => Buffer.from(text, 'utf8')),
);
const path = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.array(segment, { minLength: 1, maxLength: 4 }), fc.option(segment))
  .map(([prefix, segments, query]) =>
    Buffer.concat([
      Buffer.from(prefix),
      ...segments.flatMap((s, i) => (i ? [Buffer.from('/'), s] : [s])),
      ...(query ? [Buffer.from('?callbackUrl='), query] : []),
    ]),
  );

const method = fc.oneof(
  fc.constantFrom(
    'GET',
    'HEAD',
    'POST',
    'PUT',
    'DELETE',
    'PATCH',
    'OPTIONS',
    'TRACE',
    'CONNECT',
    'TRACK',
    'PROPFIND',
    'PROPPATCH',
    'MKCOL',
    'COPY',
    'MOVE',
    'LOCK',
    'UNLOCK',
    'SEARCH',
    'QUERY',
    'PURGE',
    'LINK',
    'M-SEARCH',
    'PRI',
  ),
  fc.stringMatching(/^[A-Za-z!#$%&'*+.^_`|~-]{1,12}$/),
  fc.uint8Array({ minLength: 1, maxLength: 10 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);

const boundary = fc.oneof(fc.constant('XX'), fc.stringMatching(/^[A-Za-z0-9'()+_,./:=?-]{1,40}$/), fc.constant(''));
const part = fc.record({
  name: fc.oneof(fc.constantFrom('0', '1_email', '1_password', '$ACTION_ID_abc', '$ACTION_REF_1', '$ACTION_1:0', 'file'), fc.string({ maxLength: 10 })),
  filename: fc.option(fc.string({ maxLength: 10 })),
  value: fc.oneof(
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
    fc.constantFrom('["$K1"]', '[{"status":"idle"},"$K1"]', '{"id":"zz","bound":"$@1"}', '["$@1"]', '"$Q1"').map((t) => Buffer.from(t)),
  ),
  header: fc.option(fc.uint8Array({ maxLength: 30 }).map((b) => Buffer.from(b))),
});
/** A multipart body: well-framed parts with random contents, random bytes, or a frame cut short. */
const multipart = fc
  .tuple(boundary, fc.array(part, { maxLength: 4 }), fc.constantFrom('closed', 'open', 'raw'), fc.uint8Array({ maxLength: 300 }))
  .map(([b, parts, ending, junk]) => {
    if (ending === 'raw') return { boundary: b, body: Buffer.from(junk) };
    const framed = parts.map((p) =>
      Buffer.concat([
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename === null ? '' : `; filename="${p.filename}"`}\r\n`),
        p.header ? Buffer.concat([p.header, Buffer.from('\r\n')]) : Buffer.alloc(0),
        Buffer.from('\r\n'),
        p.value,
        Buffer.from('\r\n'),
      ]),
    );
    return { boundary: b, body: Buffer.concat([...framed, Buffer.from(ending === 'closed' ? `--${b}--\r\n` : `--${b}`)]) };
  });

function requestBytes(m: string | Buffer, target: Buffer, hostHeader: string, headers: Record<string, string> = {}, body?: Buffer): Buffer {
  const head = [
    `Host: ${hostHeader}`,
    'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ...(body ? [`Content-Length: ${body.length}`] : []),
  ].join('\r\n');
  return Buffer.concat([Buffer.from(m), Buffer.from(' '), target, Buffer.from(` HTTP/1.1\r\n${head}\r\n\r\n`, 'latin1'), body ?? Buffer.alloc(0)]);
}

function expectClean(answer: SocketAnswer, what: string) {
  expect(answer.status, what).not.toBeNull();
  expect(answer.status!, what).toBeLessThan(500);
}

const describe = (bytes: Buffer) => JSON.stringify(bytes.toString('latin1'));

test.describe('request fuzzing', () => {
  test.describe.configure({ timeout: 300_000 });

  test('random bytes as path segments never get a 500', async () => {
    await fc.assert(
      fc.asyncProperty(host, path, async (h, target) => expectClean(await sendRaw(requestBytes('GET', target, h)), `${h} ${describe(target)}`)),
      runs,
    );
    expect((await rawRequest('GET', '/', `acme.localhost:${E2E_PORT}`)).status).toBe(200);
  });

  test('random methods never get a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        host,
        method,
        fc.constantFrom('/', '/products', '/cart', '/dashboard/orders', '/api/auth/session', '/api/health', '/api/webhooks/payments/sandbox'),
        async (h, m, target) =>
          expectClean(await sendRaw(requestBytes(m, Buffer.from(m === 'CONNECT' ? h : target), h)), `${h} ${JSON.stringify(m)} ${target}`),
      ),
      runs,
    );
    expect((await rawRequest('GET', '/', `acme.localhost:${E2E_PORT}`)).status).toBe(200);
  });

  test('random multipart bodies to pages, sign-in endpoints and server actions never get a 500', async () => {
    const targets = [
      '/',
      '/cart',
      '/account/sign-in',
      '/account/register',
      '/dashboard/sign-in',
      '/api/auth/callback/credentials',
      '/api/staff-auth/callback/staff-credentials',
    ];
    const signInPage = await rawRequest('GET', '/account/sign-in', `acme.localhost:${E2E_PORT}`);
    const signIn = /(?:\$ACTION_ID_|&quot;id&quot;:&quot;)([0-9a-f]{42})/.exec(signInPage.body)?.[1] ?? 'a'.repeat(42);
    const acme = `acme.localhost:${E2E_PORT}`;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        multipart,
        fc.constantFrom(null, signIn, 'junk', '00'.repeat(21)),
        fc.boolean(),
        async (target, { boundary: b, body }, action, withBoundary) => {
          const headers: Record<string, string> = {
            Origin: `http://${acme}`,
            'Content-Type': withBoundary ? `multipart/form-data; boundary=${b}` : 'multipart/form-data',
          };
          if (action) headers['Next-Action'] = action;
          expectClean(
            await sendRaw(requestBytes('POST', Buffer.from(target), acme, headers, body)),
            `${target} ${action} ${headers['Content-Type']} ${describe(body)}`,
          );
        },
      ),
      runs,
    );
    expect((await rawRequest('GET', '/', acme)).status).toBe(200);
  });
});
