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
    expect(tenantBaseUrl({ ...tenant, customDomainVerifiedAt: new Date() }, { NODE_ENV: 'production', PLATFORM_ROOT_DOMAIN: 'storefleet.eu' })).toBe('https://new.example.test');
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
    expect(tenantBaseUrl({ customDomain: null, subdomain: 'acme' }, { NODE_ENV: 'production', PUBLIC_URL_SCHEME: 'http', PUBLIC_PORT: '3100', PLATFORM_ROOT_DOMAIN: 'localhost' })).toBe(
      'http://acme.localhost:3100',
    );
  });
});
