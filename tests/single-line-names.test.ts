import { describe, expect, it } from 'vitest';
import { createTenantSchema, tenantSettingsSchema } from '@/lib/tenancy/tenant-schemas';
import { addressSchema } from '@/lib/customers/addresses';
import { profileSchema } from '@/lib/customers/update-profile';
import { brandingSchema } from '@/lib/branding/update-branding';
import { refundRequestSchema } from '@/lib/orders/order-commands';
import { acceptInvitationSchema } from '@/lib/staff/staff-invitations';
import { toSingleLine } from '@/lib/forms/storable-text';
import { placeOrderSchema } from '@/lib/orders/place-order';
import { registrationFormSchema } from '@/lib/registration/registration-form';

/**
 * Every one-line field at a trust boundary arrives as one line: a pasted CR/LF, Unicode line separator,
 * tab or other control character becomes a space, whatever form it came through.
 */
const BROKEN = 'Demo\r\nBcc: victim@example.test\u2028Garage\tX\u0085Y';
const ONE_LINE = /^[^\r\n\t\u0085\u2028\u2029\u0000-\u001f]*$/;

function fieldOf(result: { success: boolean; data?: unknown; error?: unknown }, field: string): string {
  expect(result.success, JSON.stringify(result.error)).toBe(true);
  return (result.data as Record<string, string>)[field] ?? '';
}

describe('one-line text fields', () => {
  it('turns every break and control run into one space', () => {
    expect(toSingleLine(BROKEN)).toBe('Demo Bcc: victim@example.test Garage X Y');
    expect(toSingleLine('  a\n\n\nb  ')).toBe('  a b  ');
  });

  const address = { recipient: BROKEN, line1: BROKEN, line2: BROKEN, label: BROKEN, city: BROKEN, postalCode: '1000', countryCode: 'BE', isDefault: 'on' };
  const cases: Array<[string, { safeParse(input: unknown): { success: boolean; data?: unknown; error?: unknown } }, Record<string, unknown>, string[]]> = [
    [
      'registration (B2B)',
      registrationFormSchema({ vatNumberRequired: true }),
      { name: BROKEN, email: 'a@b.test', password: 'a-long-enough-password', companyName: BROKEN, vatNumber: BROKEN, countryCode: 'BE', phone: '' },
      ['name', 'companyName', 'vatNumber'],
    ],
    [
      'registration (B2C)',
      registrationFormSchema({ vatNumberRequired: false }),
      { name: BROKEN, email: 'a@b.test', password: 'a-long-enough-password', companyName: BROKEN, countryCode: 'BE' },
      ['name', 'companyName'],
    ],
    ['profile', profileSchema, { name: BROKEN, phone: '' }, ['name']],
    ['address', addressSchema, address, ['recipient', 'line1', 'line2', 'label', 'city']],
    [
      'new shop (console)',
      createTenantSchema,
      { name: BROKEN, subdomain: 'newshop', salesMode: 'b2b', countryCode: 'BE', currency: 'EUR', vatRate: '21', ownerEmail: 'o@b.test' },
      ['name'],
    ],
    [
      'shop settings (console)',
      tenantSettingsSchema,
      { name: BROKEN, tagline: BROKEN, salesMode: 'b2b', vatRate: '21', paymentTimeoutMinutes: '30', timeZone: 'Europe/Brussels' },
      ['name', 'tagline'],
    ],
    ['branding (dashboard)', brandingSchema, { name: BROKEN, tagline: BROKEN, primaryColor: '#112233', accentColor: '#ffffff' }, ['name', 'tagline']],
    ['staff invitation', acceptInvitationSchema, { name: BROKEN, password: 'a-long-enough-password' }, ['name']],
    [
      'checkout',
      placeOrderSchema,
      {
        addressId: '00000000-0000-4000-8000-000000000000',
        paymentMethod: 'invoice',
        customerReference: 'PO\r\n42',
        idempotencyKey: 'k'.repeat(20),
        couponCode: 'SAVE\n10',
      },
      ['customerReference', 'couponCode'],
    ],
    ['refund reason', refundRequestSchema, { reason: BROKEN }, ['reason']],
  ];

  for (const [name, schema, input, fields] of cases) {
    it(`normalises ${name}: ${fields.join(', ')}`, () => {
      const result = schema.safeParse(input);
      for (const field of fields) {
        const value = fieldOf(result, field);
        expect(value, field).toMatch(ONE_LINE);
        expect(value.length, field).toBeGreaterThan(0);
      }
    });
  }
});
