import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileString } from '@/tests/support/hostile-input';
import { internalPath } from './internal-path';
import { parseHost } from './parse-host';

const on = (host: string, path: string) => internalPath(parseHost(host, 'localhost'), path);

describe('internalPath', () => {
  it('serves a shop’s storefront and its dashboard from the shop’s own host', () => {
    expect(on('acme.localhost:3000', '/')).toBe('/shop/acme.localhost');
    expect(on('acme.localhost', '/products')).toBe('/shop/acme.localhost/products');
    expect(on('acme.localhost', '/dashboard')).toBe('/dashboard/acme.localhost');
    expect(on('acme.localhost', '/dashboard/orders/7')).toBe('/dashboard/acme.localhost/orders/7');
    expect(on('shop.acmewheels.test', '/dashboard')).toBe('/dashboard/shop.acmewheels.test');
  });

  it('does not mistake a path that merely starts with the word for the dashboard', () => {
    expect(on('acme.localhost', '/dashboards')).toBe('/shop/acme.localhost/dashboards');
  });

  it('prefixes internal segments typed as paths, so they cannot be reached directly', () => {
    expect(on('acme.localhost', '/dashboard/atraxion.localhost')).toBe('/dashboard/acme.localhost/atraxion.localhost');
    expect(on('localhost', '/dashboard/acme.localhost')).toBe('/platform/dashboard/acme.localhost');
    expect(on('admin.localhost', '/shop/acme.localhost')).toBe('/admin/shop/acme.localhost');
  });
});

describe('internalPath: properties', () => {
  const host = fc.oneof(
    fc.constantFrom(
      'localhost',
      'admin.localhost',
      'acme.localhost:3000',
      'shop.acmewheels.test',
      'ACME.localhost.',
      'www.acme.localhost',
      '[::1]',
      'a.b.localhost',
      'api.localhost',
      '',
    ),
    hostileString,
  );
  const path = fc.oneof(
    fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
    fc.tuple(fc.constantFrom('/dashboard', '/shop', '/admin', '/platform', '/dashboard/', '/shop/_unknown'), fc.webPath()).map(([a, b]) => `${a}${b}`),
  );

  it('the internal segment depends on the host alone: no path reaches another shop or the console', () => {
    fc.assert(
      fc.property(host, path, (rawHost, pathname) => {
        const target = parseHost(rawHost, 'localhost');
        const internal = internalPath(target, pathname);
        const rest = pathname === '/' ? '' : pathname;
        if (target.kind === 'platform') expect(internal).toBe(`/platform${rest}`);
        else if (target.kind === 'admin') expect(internal).toBe(`/admin${rest}`);
        else if (target.kind === 'invalid') expect(internal).toBe(`/shop/_unknown${rest}`);
        else {
          const [, segment, encodedHost] = internal.split('/');
          expect(['shop', 'dashboard']).toContain(segment);
          expect(encodedHost).toBe(encodeURIComponent(target.host));
        }
      }),
      { numRuns: 500 },
    );
  });
});
