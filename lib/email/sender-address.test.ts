import { describe, expect, it } from 'vitest';
import { quoteDisplayName, tenantSenderAddress } from './sender-address';

describe('tenantSenderAddress', () => {
  it('mails from and takes replies at info@<subdomain>.<domain>, with the shop name shown', () => {
    expect(tenantSenderAddress({ name: 'ACME Wheels', subdomain: 'acme' }, 'tyrecloud.be')).toEqual({
      from: '"ACME Wheels" <info@acme.tyrecloud.be>',
      replyTo: 'info@acme.tyrecloud.be',
      address: 'info@acme.tyrecloud.be',
    });
  });

  it('uses EMAIL_DOMAIN, else storefleet.test', () => {
    const saved = process.env.EMAIL_DOMAIN;
    try {
      delete process.env.EMAIL_DOMAIN;
      expect(tenantSenderAddress({ name: 'Beta', subdomain: 'beta' }).address).toBe('info@beta.storefleet.test');
      process.env.EMAIL_DOMAIN = 'mail.example.com';
      expect(tenantSenderAddress({ name: 'Beta', subdomain: 'beta' }).address).toBe('info@beta.mail.example.com');
    } finally {
      if (saved === undefined) delete process.env.EMAIL_DOMAIN;
      else process.env.EMAIL_DOMAIN = saved;
    }
  });

  it('keeps quotes, commas and angle brackets in the name from changing the address', () => {
    const { from, address } = tenantSenderAddress({ name: 'Jan "The Tyre" Peeters, BV <boss@evil.test>', subdomain: 'jan' }, 'storefleet.test');
    expect(from).toBe('"Jan \\"The Tyre\\" Peeters, BV <boss@evil.test>" <info@jan.storefleet.test>');
    expect(from.endsWith(`<${address}>`)).toBe(true);
  });

  it('drops line breaks so a name cannot inject headers', () => {
    expect(quoteDisplayName('Shop\r\nBcc: all@example.com')).toBe('"Shop Bcc: all@example.com"');
    expect(quoteDisplayName('back\\slash')).toBe('"back\\\\slash"');
  });
});
