import { describe, expect, it } from 'vitest';
import { checkRequestBody } from './request-body-check';
import { MAX_API_BODY_BYTES, MAX_PAGE_BODY_BYTES } from './request-guard';

function stream(total: number, onPull?: () => void): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      onPull?.();
      if (sent >= total) return controller.close();
      const size = Math.min(64 * 1024, total - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(97));
    },
  });
}
const bytes = (text: string) => new Response(text).body;
const check = (pathname: string, headers: Record<string, string>, body: ReadableStream<Uint8Array> | null, method = 'POST') =>
  checkRequestBody({ method, pathname, headers: new Headers(headers), body });

describe('checkRequestBody', () => {
  it('cuts a body sent without Content-Length off at the route’s limit and refuses it with 413', async () => {
    for (const [pathname, limit] of [
      ['/cart', MAX_PAGE_BODY_BYTES],
      ['/api/webhooks/payments/sandbox', MAX_API_BODY_BYTES],
      ['/api/auth/callback/credentials', MAX_API_BODY_BYTES],
    ] as const) {
      let pulls = 0;
      const refusal = await check(
        pathname,
        { 'content-type': 'application/octet-stream' },
        stream(10_000_000, () => (pulls += 1)),
      );
      expect(refusal, pathname).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
      expect(pulls * 64 * 1024, pathname).toBeLessThan(limit + 3 * 64 * 1024);
    }
    expect(await check('/api/webhooks/payments/sandbox', {}, stream(MAX_API_BODY_BYTES))).toBeNull();
  });

  it('refuses multipart bodies Next.js could not parse, with or without a Next-Action header', async () => {
    const malformed: Array<[string, string]> = [
      ['multipart/form-data', 'abc'],
      ['multipart/form-data; boundary=XX', 'junk junk'],
      ['multipart/form-data; boundary=XX', '--XX\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue'],
      ['multipart/form-data; boundary=', '----\r\n'],
    ];
    for (const [type, body] of malformed) {
      for (const action of [{}, { 'next-action': '7f00' }] as Array<Record<string, string>>) {
        expect(
          await check('/account/sign-in', { 'content-type': type, 'content-length': String(body.length), ...action }, bytes(body)),
          `${type} ${body}`,
        ).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
      }
    }
    const form = '--XX\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.test\r\n--XX--\r\n';
    expect(
      await check('/account/sign-in', { 'content-type': 'multipart/form-data; boundary=XX', 'content-length': String(form.length) }, bytes(form)),
    ).toBeNull();
  });

  it('refuses a server action call that is not a form’s: junk, text arguments, no FormData last', async () => {
    for (const body of ['junk', '', '{"a":1}', '"$@1"', '[', '\u0000', '[]', '["$undefined","$K1"]']) {
      expect(
        await check('/cart', { 'next-action': '40aa', 'content-type': 'text/plain;charset=UTF-8', 'content-length': '1' }, bytes(body)),
        body,
      ).toMatchObject({ status: 400 });
    }
    const multipart = (root: string) =>
      `--XX\r\nContent-Disposition: form-data; name="1_email"\r\n\r\na@b.test\r\n--XX\r\nContent-Disposition: form-data; name="0"\r\n\r\n${root}\r\n--XX--\r\n`;
    expect(
      await check('/cart', { 'next-action': '40aa', 'content-type': 'multipart/form-data; boundary=XX', 'content-length': '1' }, bytes(multipart('nope'))),
    ).toMatchObject({ status: 400 });
    for (const root of ['["$K1"]', '[{"status":"idle"},"$K1"]', '["$undefined","$K1a"]']) {
      expect(
        await check('/cart', { 'next-action': '40aa', 'content-type': 'multipart/form-data; boundary=XX', 'content-length': '1' }, bytes(multipart(root))),
        root,
      ).toBeNull();
    }
    for (const root of ['[]', '["$undefined",{"a":"$Q1"}]', '["$K1",5]', '"$K1"']) {
      expect(
        await check('/cart', { 'next-action': '40aa', 'content-type': 'multipart/form-data; boundary=XX', 'content-length': '1' }, bytes(multipart(root))),
        root,
      ).toMatchObject({ status: 400 });
    }
    // An action that uses none of its arguments (sign-out buttons): Next.js sends an empty list as text.
    const signOut = { 'next-action': '00ab', 'content-type': 'text/plain;charset=UTF-8', 'content-length': '2' };
    expect(await check('/account', signOut, bytes('[]'))).toBeNull();
    for (const body of ['["$K1"]', '[1]', 'junk']) expect(await check('/account', signOut, bytes(body)), body).toMatchObject({ status: 400 });
  });

  it('leaves bodies with a Content-Length that nothing of Next.js decodes to their route', async () => {
    expect(await check('/api/webhooks/payments/sandbox', { 'content-type': 'application/json', 'content-length': '5' }, bytes('{bad'))).toBeNull();
    expect(await check('/products', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '5' }, bytes('a=%ff'))).toBeNull();
    expect(await check('/products', {}, null, 'GET')).toBeNull();
  });
});
