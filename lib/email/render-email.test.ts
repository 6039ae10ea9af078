import { describe, expect, it } from 'vitest';
import { emailBrandFor, type EmailBrand } from './brand';
import { renderEmail } from './render-email';

const brand: EmailBrand = {
  shopName: 'ACME Wheels',
  logoUrl: null,
  primaryColor: '#b91c1c',
  accentColor: '#111827',
  shopUrl: 'https://acme.storefleet.test',
  timeZone: 'Europe/Brussels',
};

describe('email templates', () => {
  it('registration received: branded, says the account awaits approval', async () => {
    const email = await renderEmail('registration-received', { brand, customerName: 'Sam', reviewReason: 'vat_registry_unavailable' });
    expect(email.subject).toBe('We received your registration at ACME Wheels');
    expect(email.html).toContain('ACME Wheels');
    expect(email.html).toContain('#b91c1c');
    expect(email.text).toMatch(/waiting for approval/);
    expect(email.text).toMatch(/VAT registry could not be reached/);
    expect(email.text).toContain('You receive this email because you have an account at ACME Wheels. Reply to this email to reach ACME Wheels.');
  });

  it('account approved: mentions a temporary approval and links to sign in', async () => {
    const signInUrl = 'https://acme.storefleet.test/sign-in';
    const email = await renderEmail('account-approved', { brand, customerName: 'Sam', approvalExpiresAt: new Date('2026-03-14T12:00:00Z'), signInUrl });
    expect(email.subject).toBe('Your account at ACME Wheels is approved');
    expect(email.html).toContain(`href="${signInUrl}"`);
    expect(email.text).toContain('valid until 14 March 2026');
    expect(email.text).toContain(signInUrl);
    const permanent = await renderEmail('account-approved', { brand, customerName: 'Sam', approvalExpiresAt: null, signInUrl });
    expect(permanent.text).not.toMatch(/temporary/);
  });

  it('account active: welcomes an open registration', async () => {
    const email = await renderEmail('account-active', { brand, customerName: 'Sam', signInUrl: 'https://acme.storefleet.test/sign-in' });
    expect(email.subject).toBe('Welcome to ACME Wheels');
    expect(email.html).toContain('#b91c1c');
    expect(email.text).toContain('https://acme.storefleet.test/sign-in');
  });

  it('password reset: button and plain link, expiry, and what to do if not requested', async () => {
    const resetUrl = 'https://acme.storefleet.test/reset-password?token=abc123';
    const email = await renderEmail('password-reset', { brand, customerName: 'Sam', resetUrl, expiresInMinutes: 30 });
    expect(email.subject).toBe('Reset your password at ACME Wheels');
    expect(email.html.split(`href="${resetUrl.replace('&', '&amp;')}"`).length - 1).toBeGreaterThanOrEqual(2);
    expect(email.text).toContain(resetUrl);
    expect(email.text).toMatch(/expires in 30 minutes/);
    expect(email.text).toMatch(/did not ask for this, you can ignore this email/);
  });

  it('escapes tenant-controlled text instead of rendering it as markup', async () => {
    const email = await renderEmail('account-active', {
      brand: { ...brand, shopName: '<script>alert(1)</script>' },
      customerName: '<b>x</b>',
      signInUrl: 'https://x.test',
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<b>x</b>');
  });

  it('shows a hosted logo, but initials instead of a data: URL logo', async () => {
    const hosted = await renderEmail('account-active', {
      brand: { ...brand, logoUrl: 'https://cdn.example.com/acme.png' },
      customerName: 'Sam',
      signInUrl: 'https://x.test',
    });
    expect(hosted.html).toContain('src="https://cdn.example.com/acme.png"');
    const dataLogo = emailBrandFor(
      {
        name: 'ACME Wheels',
        subdomain: 'acme',
        customDomain: null,
        logoUrl: 'data:image/svg+xml;base64,PHN2Zy8+',
        primaryColor: '#b91c1c',
        accentColor: '#111827',
        timeZone: 'Europe/Brussels',
      },
      'https://acme.test',
    );
    expect(dataLogo.logoUrl).toBeNull();
    const initials = await renderEmail('account-active', {
      brand: { ...brand, logoUrl: 'data:image/svg+xml;base64,PHN2Zy8+' },
      customerName: 'Sam',
      signInUrl: 'https://x.test',
    });
    expect(initials.html).not.toContain('data:image');
    expect(initials.html).toContain('>AW<');
  });

  it('never puts an unsafe colour into a style', async () => {
    const email = await renderEmail('account-active', {
      brand: { ...brand, primaryColor: 'red;background:url(https://evil.test)' },
      customerName: 'Sam',
      signInUrl: 'https://x.test',
    });
    expect(email.html).not.toContain('evil.test');
    expect(email.html).toContain('#1f2937');
  });
});
