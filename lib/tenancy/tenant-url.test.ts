import { describe, expect, it } from 'vitest';
import { tenantBaseUrl } from './tenant-url';

describe('tenantBaseUrl', () => {
  it('uses the custom domain when the tenant has one', () => {
    expect(tenantBaseUrl({ customDomain: 'shop.acmewheels.test', subdomain: 'acme' }, { NODE_ENV: 'production', PLATFORM_ROOT_DOMAIN: 'storefleet.eu' })).toBe(
      'https://shop.acmewheels.test',
    );
  });

  it('links to the subdomain while the custom domain is not verified by DNS', () => {
    const tenant = { customDomain: 'new.example.test', subdomain: 'acme', customDomainVerifiedAt: null };
    expect(tenantBaseUrl(tenant, { NODE_ENV: 'production', PLATFORM_ROOT_DOMAIN: 'storefleet.eu' })).toBe('https://acme.storefleet.eu');
    expect(tenantBaseUrl({ ...tenant, customDomainVerifiedAt: new Date() }, { NODE_ENV: 'production', PLATFORM_ROOT_DOMAIN: 'storefleet.eu' })).toBe(
      'https://new.example.test',
    );
  });

  it('links to the subdomain under a localhost root, where custom domains do not resolve', () => {
    expect(tenantBaseUrl({ customDomain: 'shop.acmewheels.test', subdomain: 'acme' }, { NODE_ENV: 'development', PLATFORM_ROOT_DOMAIN: 'localhost' })).toBe(
      'http://acme.localhost:3000',
    );
  });

  it('uses the subdomain under the platform root otherwise', () => {
    expect(tenantBaseUrl({ customDomain: null, subdomain: 'consumer' }, { NODE_ENV: 'production', PLATFORM_ROOT_DOMAIN: 'storefleet.eu' })).toBe(
      'https://consumer.storefleet.eu',
    );
  });

  it('adds the development port and scheme outside production', () => {
    expect(tenantBaseUrl({ customDomain: null, subdomain: 'acme' }, { NODE_ENV: 'development', PLATFORM_ROOT_DOMAIN: 'localhost' })).toBe(
      'http://acme.localhost:3000',
    );
    expect(
      tenantBaseUrl(
        { customDomain: null, subdomain: 'acme' },
        { NODE_ENV: 'production', PUBLIC_URL_SCHEME: 'http', PUBLIC_PORT: '3100', PLATFORM_ROOT_DOMAIN: 'localhost' },
      ),
    ).toBe('http://acme.localhost:3100');
  });

  it('follows the port the server listens on outside production (next dev -p / next start -p set PORT)', () => {
    const acme = { customDomain: null, subdomain: 'acme' };
    expect(tenantBaseUrl(acme, { NODE_ENV: 'development', PLATFORM_ROOT_DOMAIN: 'localhost', PORT: '3161' })).toBe('http://acme.localhost:3161');
    expect(tenantBaseUrl(acme, { NODE_ENV: 'development', PLATFORM_ROOT_DOMAIN: 'storefleet.test', PORT: '4000' })).toBe('http://acme.storefleet.test:4000');
    expect(tenantBaseUrl(acme, { NODE_ENV: 'test', PLATFORM_ROOT_DOMAIN: 'localhost' })).toBe('http://acme.localhost:3000');
  });

  it('follows the listening port of a production build served under a localhost root', () => {
    expect(tenantBaseUrl({ customDomain: null, subdomain: 'acme' }, { NODE_ENV: 'production', PLATFORM_ROOT_DOMAIN: 'localhost', PORT: '3160' })).toBe(
      'http://acme.localhost:3160',
    );
  });

  it('has no port in production behind a proxy, whatever port the app listens on', () => {
    expect(tenantBaseUrl({ customDomain: null, subdomain: 'acme' }, { NODE_ENV: 'production', PLATFORM_ROOT_DOMAIN: 'storefleet.eu', PORT: '3000' })).toBe(
      'https://acme.storefleet.eu',
    );
  });

  it('lets PUBLIC_URL_SCHEME and PUBLIC_PORT override the listening port', () => {
    const acme = { customDomain: null, subdomain: 'acme' };
    expect(tenantBaseUrl(acme, { NODE_ENV: 'development', PLATFORM_ROOT_DOMAIN: 'localhost', PORT: '3161', PUBLIC_PORT: '8080' })).toBe(
      'http://acme.localhost:8080',
    );
    expect(tenantBaseUrl(acme, { NODE_ENV: 'production', PLATFORM_ROOT_DOMAIN: 'storefleet.eu', PORT: '3000', PUBLIC_PORT: '8443' })).toBe(
      'https://acme.storefleet.eu:8443',
    );
    expect(
      tenantBaseUrl(acme, { NODE_ENV: 'development', PLATFORM_ROOT_DOMAIN: 'localhost', PORT: '3161', PUBLIC_URL_SCHEME: 'https', PUBLIC_PORT: '443' }),
    ).toBe('https://acme.localhost');
    expect(tenantBaseUrl(acme, { NODE_ENV: 'development', PLATFORM_ROOT_DOMAIN: 'localhost', PORT: '3161', PUBLIC_PORT: '' })).toBe('http://acme.localhost');
  });
});
