import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardRequest, pathDecodes } from './request-guard';

const direct = { trustProxyHeaders: false };
const guard = (method: string, pathname: string, extra: { search?: string; headers?: Record<string, string> } = {}) =>
  guardRequest({ method, pathname, search: extra.search, headers: new Headers({ host: 'acme.localhost:3100', ...extra.headers }) }, direct);

describe('guardRequest on malformed requests', () => {
  it('refuses a broken %-escape in any path segment with a 400, on pages and API routes alike', () => {
    for (const path of [
      '/products/%ff',
      '/%c0',
      '/%',
      '/products/%E0%A4%A',
      '/dashboard/orders/%zz',
      '/api/tenant-assets/%ff/logo',
      '/api/auth/%ff',
      '/api/webhooks/payments/%ff',
    ]) {
      expect(guard('GET', path), path).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    }
    for (const path of ['/products/%C3%A9', '/products/a%20b', '/%2e%2e/admin', '/products/%00', '/']) expect(guard('GET', path), path).toBeNull();
  });

  it('answers any method a path does not take with 405 and the methods it does take', () => {
    for (const method of ['PROPFIND', 'MKCOL', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'QUERY', 'SEARCH', 'M-SEARCH', 'BREW', 'TRACE']) {
      expect(guard(method, '/products'), method).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED', allow: 'GET, HEAD, POST' });
    }
    expect(guard('PUT', '/api/webhooks/payments/sandbox')).toMatchObject({ status: 405, allow: 'POST, OPTIONS' });
    expect(guard('PROPFIND', '/api/health')).toMatchObject({ status: 405, allow: 'GET, HEAD, OPTIONS' });
    expect(guard('OPTIONS', '/api/health')).toBeNull();
    expect(guard('DELETE', '/api/auth/session')).toMatchObject({ status: 405, allow: 'GET, POST, HEAD, OPTIONS' });
    for (const [method, path] of [
      ['GET', '/'],
      ['HEAD', '/products'],
      ['POST', '/cart'],
      ['PUT', '/api/inngest'],
      ['POST', '/api/webhooks/payments/sandbox'],
    ] as const) {
      expect(guard(method, path), `${method} ${path}`).toBeNull();
    }
  });

  it('refuses an Auth.js request whose return address Auth.js could not parse, from the query or its cookie', () => {
    for (const search of [
      '?callbackUrl=%ff',
      '?callbackUrl=foo',
      '?callbackUrl=%C3%A9',
      '?callbackUrl=javascript:alert(1)',
      '?callbackUrl=/ok&callbackUrl=bad',
    ]) {
      expect(guard('GET', '/api/auth/signin', { search }), search).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    }
    for (const cookie of ['authjs.callback-url=%ff', 'storefleet-staff.callback-url=nonsense', '__Secure-authjs.callback-url="x y"']) {
      expect(guard('GET', '/api/staff-auth/session', { headers: { cookie } }), cookie).toMatchObject({ status: 400 });
    }
    for (const search of [
      '',
      '?callbackUrl=/account',
      '?callbackUrl=/%C3%A9%F0%9F%98%80',
      '?callbackUrl=/%ff',
      '?callbackUrl=http://acme.localhost:3100/cart',
    ]) {
      expect(guard('GET', '/api/auth/csrf', { search, headers: { cookie: 'authjs.callback-url=%2Faccount' } }), search).toBeNull();
    }
    // Pages read their return path through safeRedirectPath, which falls back on anything odd.
    expect(guard('GET', '/account/sign-in', { search: '?callbackUrl=%ff' })).toBeNull();
  });

  it('decides every path and query without throwing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (path, search) => {
        const pathname = `/${path}`;
        const refusal = guard('GET', pathname, { search });
        if (refusal === null) expect(pathDecodes(pathname)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
