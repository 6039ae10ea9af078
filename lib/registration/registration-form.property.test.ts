import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import { expectStorableText, hostileForm, hostileRecord, safeParseReadable, validEmail, withOneHostileField } from '@/tests/support/hostile-input';
import { euCountryCodes } from './eu-countries';
import { registrationFormSchema } from './registration-form';

const FIELDS = ['name', 'email', 'password', 'companyName', 'vatNumber', 'countryCode', 'phone'] as const;
const required = fc.boolean().map((vatNumberRequired) => registrationFormSchema({ vatNumberRequired }));

const trimmedText = (min: number, max: number) =>
  fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: max }).filter((s) => s.trim() === s && s.length >= min);
const padding = fc.constantFrom('', ' ', '  ', '\t', '\n ');

const validForm = fc.record({
  name: trimmedText(2, 100),
  email: validEmail,
  password: fc.string({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH }),
  companyName: trimmedText(2, 150),
  vatNumber: trimmedText(1, 40),
  countryCode: fc.constantFrom(...euCountryCodes),
  phone: fc.stringMatching(/^\+?[0-9]([0-9 ]{0,30}[0-9])?$/),
  pad: padding,
});

describe('registrationFormSchema: properties', () => {
  it('never throws on forged input, and every refusal reads as a message', () => {
    fc.assert(
      fc.property(required, fc.oneof(hostileRecord(FIELDS), hostileForm(FIELDS)), (schema, input) => {
        safeParseReadable(schema, input);
      }),
      { numRuns: 300 },
    );
  });

  it('whatever it accepts is trimmed, within its limits, lower-cased where it should be and storable', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.oneof(hostileForm(FIELDS), withOneHostileField(validForm)), (vatNumberRequired, input) => {
        const result = safeParseReadable(registrationFormSchema({ vatNumberRequired }), input);
        if (!result.success) return;
        const form = result.data;
        expect(form.name).toBe(form.name.trim());
        expect(form.name.length).toBeGreaterThanOrEqual(2);
        expect(form.name.length).toBeLessThanOrEqual(100);
        expect(form.email).toBe(form.email.trim().toLowerCase());
        expect(form.email.length).toBeLessThanOrEqual(254);
        expect(form.password.length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
        expect(form.password.length).toBeLessThanOrEqual(MAX_PASSWORD_LENGTH);
        expect(euCountryCodes).toContain(form.countryCode);
        if (vatNumberRequired) {
          expect(form.companyName?.length).toBeGreaterThanOrEqual(2);
          expect(form.vatNumber?.length).toBeGreaterThanOrEqual(1);
        }
        for (const [text, max] of [
          [form.companyName, 150],
          [form.vatNumber, 40],
          [form.phone, 40],
        ] as const) {
          if (text === undefined) continue;
          expect(text).toBe(text.trim());
          expect(text).not.toBe('');
          expect(text.length).toBeLessThanOrEqual(max);
        }
        for (const text of [form.name, form.email, form.companyName, form.phone]) expectStorableText(text);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts a well-formed sign-up as typed, trimming and lower-casing what it should', () => {
    fc.assert(
      fc.property(fc.boolean(), validForm, (vatNumberRequired, { pad, ...form }) => {
        const typed = { ...form, name: `${pad}${form.name}${pad}`, email: `${pad}${form.email.toUpperCase()}${pad}`, companyName: `${pad}${form.companyName}` };
        const result = registrationFormSchema({ vatNumberRequired }).safeParse(typed);
        expect(result.success).toBe(true);
        expect(result.data).toEqual({ ...form, email: form.email.toLowerCase() });
      }),
    );
  });

  it('refuses a text with a NUL character, which PostgreSQL cannot store', () => {
    const form = {
      name: 'Sam Peeters',
      email: 'sam@example.com',
      password: 'correct horse battery',
      countryCode: 'BE',
      companyName: 'Peeters BV',
      vatNumber: 'BE0417497106',
    };
    for (const field of ['name', 'companyName', 'phone'] as const) {
      const result = registrationFormSchema({ vatNumberRequired: true }).safeParse({ ...form, [field]: 'Peeters\u0000 BV' });
      expect(result.success, field).toBe(false);
    }
  });
});
