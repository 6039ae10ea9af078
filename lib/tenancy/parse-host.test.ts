import { describe, expect, it } from 'vitest';
import { normalizeHost, parseHost, requestHost } from './parse-host';

const ROOT = 'storefleet.test';

describe('parseHost', () => {
  it('serves the platform landing page on the root domain, with or without www and port', () => {
    expect(parseHost('storefleet.test', ROOT)).toEqual({ kind: 'platform' });
    expect(parseHost('WWW.Storefleet.Test:443', ROOT)).toEqual({ kind: 'platform' });
    expect(parseHost('storefleet.test.', ROOT)).toEqual({ kind: 'platform' });
  });

  it('routes admin.<root> to the console', () => {
    expect(parseHost('admin.storefleet.test:3000', ROOT)).toEqual({ kind: 'admin' });
    expect(parseHost('ADMIN.storefleet.test.', ROOT)).toEqual({ kind: 'admin' });
  });

  it('reads a tenant subdomain whatever the case, port, trailing dot or www prefix', () => {
    const acme = { kind: 'tenant', host: 'acme.storefleet.test', subdomain: 'acme' };
    expect(parseHost('acme.storefleet.test', ROOT)).toEqual(acme);
    expect(parseHost('ACME.StoreFleet.TEST:8080', ROOT)).toEqual(acme);
    expect(parseHost('acme.storefleet.test.', ROOT)).toEqual(acme);
    expect(parseHost('www.acme.storefleet.test', ROOT)).toEqual(acme);
  });

  it('treats any other host as a candidate custom domain', () => {
    expect(parseHost('Shop.AcmeWheels.test:3000', ROOT)).toEqual({
      kind: 'tenant',
      host: 'shop.acmewheels.test',
      subdomain: null,
    });
  });

  it('never treats reserved or nested subdomains as tenants', () => {
    for (const sub of ['api', 'static', 'mail', 'dashboard', 'a.b', 'x.admin']) {
      expect(parseHost(`${sub}.${ROOT}`, ROOT)).toEqual({ kind: 'invalid' });
    }
  });

  it('rejects hosts that are not host names', () => {
    for (const bad of ['', null, undefined, '   ', 'evil.com/../x', 'a_b.storefleet.test', '[::1]:3000', '127.0.0.1:3000', '-acme.storefleet.test']) {
      expect(parseHost(bad, ROOT)).toEqual({ kind: 'invalid' });
    }
  });

  it('defaults the root domain to localhost and ignores its port', () => {
    expect(parseHost('localhost:3000')).toEqual({ kind: 'platform' });
    expect(parseHost('acme.localhost:3000')).toEqual({ kind: 'tenant', host: 'acme.localhost', subdomain: 'acme' });
    expect(parseHost('admin.localhost')).toEqual({ kind: 'admin' });
  });
});

describe('requestHost', () => {
  it('prefers X-Forwarded-Host, as set by Next.js for internal renders and by proxies', () => {
    const headers = new Headers({ host: 'localhost:3100', 'x-forwarded-host': 'consumer.localhost:3100, proxy.internal' });
    expect(requestHost(headers)).toBe('consumer.localhost:3100');
    expect(requestHost(new Headers({ host: 'acme.localhost' }))).toBe('acme.localhost');
  });
});

describe('normalizeHost', () => {
  it('folds case and strips port, trailing dot and www', () => {
    expect(normalizeHost('WWW.Shop.Example.COM.:8443')).toBe('shop.example.com');
  });
});
