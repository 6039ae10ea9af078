import { describe, expect, it } from 'vitest';
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
