import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveHost, guardRequest, isServerAddressHost, MAX_API_BODY_BYTES } from './request-guard';

const request = (method: string, headers: Record<string, string>, pathname = '/') => ({ method, pathname, headers: new Headers(headers) });
const direct = { trustProxyHeaders: false };
const proxied = { trustProxyHeaders: true };

describe('guardRequest', () => {
  it('lets ordinary page views and same-site posts through', () => {
    expect(guardRequest(request('GET', { host: 'acme.localhost:3100' }), direct)).toBeNull();
    expect(guardRequest(request('POST', { host: 'acme.localhost:3100', origin: 'http://acme.localhost:3100', 'next-action': 'abc' }), direct)).toBeNull();
    expect(guardRequest(request('POST', { host: 'Shop.AcmeWheels.test', origin: 'https://shop.acmewheels.test' }), direct)).toBeNull();
    // Webhooks and Inngest post without an Origin and without anyone's cookies.
    expect(guardRequest(request('POST', { host: 'localhost:3100', 'content-length': '512' }, '/api/webhooks/sandbox'), direct)).toBeNull();
  });

  it('refuses posts from another shop, another site or an opaque origin', () => {
    for (const origin of ['http://atraxion.localhost:3100', 'https://evil.example', 'null', 'file://', 'not a url', 'http://acme.localhost:3101']) {
      expect(guardRequest(request('POST', { host: 'acme.localhost:3100', origin, 'next-action': 'abc' }), direct), origin).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
    }
  });

  it('refuses a forged X-Forwarded-Host unless a proxy is trusted or the request is the server’s own', () => {
    expect(guardRequest(request('GET', { host: 'acme.localhost:3100', 'x-forwarded-host': 'atraxion.localhost:3100' }), direct)).toMatchObject({ status: 400 });
    expect(guardRequest(request('GET', { host: 'acme.localhost:3100', 'x-forwarded-host': 'acme.localhost:3100' }), direct)).toBeNull();
    expect(effectiveHost(new Headers({ host: 'localhost:3100', 'x-forwarded-host': 'acme.localhost:3100, proxy' }), direct)).toEqual({
      host: 'acme.localhost:3100',
    });
    expect(effectiveHost(new Headers({ host: 'app-7:3000', 'x-forwarded-host': 'acme.example' }), proxied)).toEqual({ host: 'acme.example' });
    // A post whose Origin matches the forged header but not the host is still refused.
    expect(
      guardRequest(request('POST', { host: 'acme.localhost:3100', 'x-forwarded-host': 'evil.example', origin: 'http://evil.example' }), direct),
    ).toMatchObject({ status: 400 });
  });

  it('refuses the middleware-subrequest header, a missing host and oversized or malformed lengths', () => {
    expect(
      guardRequest(request('GET', { host: 'acme.localhost', 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' }), direct),
    ).toMatchObject({ status: 400 });
    expect(guardRequest(request('GET', {}), direct)).toMatchObject({ status: 400 });
    expect(
      guardRequest(request('POST', { host: 'acme.localhost', 'content-length': String(MAX_API_BODY_BYTES + 1) }, '/api/webhooks/sandbox'), direct),
    ).toMatchObject({ status: 413 });
    expect(guardRequest(request('POST', { host: 'acme.localhost', 'content-length': '3000000' }), direct)).toMatchObject({ status: 413 });
    expect(guardRequest(request('POST', { host: 'acme.localhost', 'content-length': '-1' }), direct)).toMatchObject({ status: 413 });
    expect(guardRequest(request('GET', { host: 'acme.localhost', 'content-length': '3000000' }), direct)).toBeNull();
  });

  it('never throws and never lets a cross-site post through, whatever the headers say', () => {
    const header = fc.oneof(fc.string(), fc.webUrl(), fc.constantFrom('null', '', ' ', 'http://', 'https://acme.localhost', 'acme.localhost'));
    fc.assert(
      fc.property(fc.constantFrom('GET', 'POST', 'PUT', 'head', 'DELETE'), header, fc.option(header), fc.option(header), (method, host, forwarded, origin) => {
        const headers: Record<string, string> = {};
        const safe = (v: string) => v.replace(/[\r\n\0]/g, '');
        if (safe(host)) headers.host = safe(host);
        if (forwarded !== null) headers['x-forwarded-host'] = safe(forwarded);
        if (origin !== null) headers.origin = safe(origin);
        let built: Headers;
        try {
          built = new Headers(headers);
        } catch {
          return; // not representable as HTTP headers at all
        }
        const refusal = guardRequest({ method, pathname: '/', headers: built }, direct);
        const unsafe = ['POST', 'PUT', 'DELETE'].includes(method.toUpperCase());
        const sentOrigin = built.get('origin');
        if (refusal === null && unsafe && sentOrigin !== null) {
          const target = effectiveHost(built, direct);
          expect('host' in target).toBe(true);
          expect(new URL(sentOrigin.trim()).host.toLowerCase()).toBe(
            (target as { host: string }).host
              .trim()
              .toLowerCase()
              .replace(/\.(?=:\d+$|$)/, ''),
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it('knows a host that names the server by its address, whatever address it is bound to', () => {
    const own = ['localhost:3000', '127.0.0.1:3100', '127.0.0.2:3100', '0.0.0.0:3000', '10.1.2.3:3000', '[::1]:3000', '[::]:3000', '[fd00::7]', 'LOCALHOST'];
    expect(own.filter((host) => !isServerAddressHost(host))).toEqual([]);
    expect(
      ['acme.localhost:3000', 'localhost.evil.com', 'shop.acmewheels.test', 'app-7:3000', '127.0.0.1.evil.com', '[::1].evil'].filter(isServerAddressHost),
    ).toEqual([]);
    // Next.js's own second request under `-H 10.1.2.3` (an action's redirect) keeps the visitor's host.
    expect(effectiveHost(new Headers({ host: '10.1.2.3:3000', 'x-forwarded-host': 'acme.localhost:3000' }), direct)).toEqual({ host: 'acme.localhost:3000' });
  });
});
