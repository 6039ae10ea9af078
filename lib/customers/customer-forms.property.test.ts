import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { euCountryCodes } from '@/lib/registration/eu-countries';
import { expectStorableText, hostileRecord, hostileValue, safeParseReadable, withOneHostileField } from '@/tests/support/hostile-input';
import { addressSchema } from './addresses';
import { profileSchema } from './update-profile';

const text = (min: number, max: number) =>
  fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: max }).filter((s) => s.trim() === s && s.length >= min);

const validAddress = fc.record({
  label: text(0, 60),
  recipient: text(2, 120),
  line1: text(3, 200),
  line2: text(0, 200),
  postalCode: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 -]{0,10}[A-Za-z0-9]$/),
  city: text(2, 100),
  countryCode: fc.constantFrom(...euCountryCodes),
  isDefault: fc.constantFrom('on', 'true', true, false, undefined, 'off', ''),
});

describe('addressSchema: properties', () => {
  const keys = ['label', 'recipient', 'line1', 'line2', 'postalCode', 'city', 'countryCode', 'isDefault'] as const;

  it('never throws; what it accepts is trimmed, within limits, in the EU and storable', () => {
    fc.assert(
      fc.property(fc.oneof(hostileRecord(keys), withOneHostileField(validAddress), withOneHostileField(validAddress, hostileValue)), (input) => {
        const result = safeParseReadable(addressSchema, input);
        if (!result.success) return;
        const address = result.data;
        const limits = { label: [1, 60], recipient: [2, 120], line1: [3, 200], line2: [1, 200], postalCode: [2, 12], city: [2, 100] } as const;
        for (const [field, [min, max]] of Object.entries(limits)) {
          const value = address[field as keyof typeof limits];
          if (value === undefined) continue;
          expect(value).toBe(value.trim());
          expect(value.length).toBeGreaterThanOrEqual(min);
          expect(value.length).toBeLessThanOrEqual(max);
          expectStorableText(value);
        }
        expect(address.postalCode).toMatch(/^[A-Za-z0-9 -]+$/);
        expect(euCountryCodes).toContain(address.countryCode);
        expect(typeof address.isDefault).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('accepts a well-formed address as typed; only "on", "true" or true make it the default', () => {
    fc.assert(
      fc.property(validAddress, (address) => {
        const result = addressSchema.parse(address);
        expect(result).toEqual({
          ...address,
          label: address.label || undefined,
          line2: address.line2 || undefined,
          isDefault: address.isDefault === 'on' || address.isDefault === 'true' || address.isDefault === true,
        });
      }),
    );
  });
});

describe('profileSchema: properties', () => {
  const validProfile = fc.record({ name: text(2, 100), phone: fc.stringMatching(/^[+0-9 ()./-]{0,40}$/).filter((s) => s.trim() === s) });

  it('never throws; an accepted name is trimmed and storable, a phone is only digits and separators or null', () => {
    fc.assert(
      fc.property(fc.oneof(hostileRecord(['name', 'phone']), withOneHostileField(validProfile), withOneHostileField(validProfile, hostileValue)), (input) => {
        const result = safeParseReadable(profileSchema, input);
        if (!result.success) return;
        expect(result.data.name).toBe(result.data.name.trim());
        expect(result.data.name.length).toBeGreaterThanOrEqual(2);
        expect(result.data.name.length).toBeLessThanOrEqual(100);
        expectStorableText(result.data.name);
        if (result.data.phone !== null) {
          expect(result.data.phone).toMatch(/^[+0-9 ()./-]{1,40}$/);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('customer forms: regressions', () => {
  const address = { recipient: 'Sam Peeters', line1: 'Kerkstraat 1', postalCode: '2000', city: 'Antwerpen', countryCode: 'BE' };

  it('refuses a NUL in any address text and in the profile name', () => {
    for (const field of ['label', 'recipient', 'line1', 'line2', 'city'] as const) {
      expect(addressSchema.safeParse({ ...address, [field]: 'Kerk\u0000straat 1' }).success, field).toBe(false);
    }
    expect(addressSchema.safeParse({ ...address, label: '\u0000' }).success).toBe(false);
    expect(profileSchema.safeParse({ name: '\u0000\u0000' }).success).toBe(false);
  });
});
