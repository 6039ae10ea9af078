import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registrationFormSchema } from '@/lib/registration/registration-form';
import { hostileRecord, hostileString, safeParseReadable, validEmail } from '@/tests/support/hostile-input';
import { adminPasswordSchema, ADMIN_MIN_PASSWORD_LENGTH, credentialsSchema as adminCredentials } from './authorize-admin';
import { credentialsSchema as customerCredentials } from './authorize-customer';
import { credentialsSchema as staffCredentials } from './authorize-staff';
import { MAX_PASSWORD_LENGTH } from './password';

const schemas = [
  ['customer', customerCredentials],
  ['staff', staffCredentials],
  ['admin', adminCredentials],
] as const;

const emailish = fc.oneof(
  hostileString,
  validEmail,
  fc.tuple(fc.constantFrom('', ' ', '\t'), validEmail, fc.constantFrom('', ' ', '\n')).map(([a, e, b]) => `${a}${e.toUpperCase()}${b}`),
  validEmail.map((e) => e.replace('@', '@@')),
);

describe('sign-in credentials: properties', () => {
  it.each(schemas)('%s: never throws, and an accepted email is trimmed, lower-cased and short enough', (_, schema) => {
    fc.assert(
      fc.property(fc.oneof(hostileRecord(['email', 'password']), fc.record({ email: emailish, password: hostileString })), (input) => {
        const result = safeParseReadable(schema, input);
        if (!result.success) return;
        expect(result.data.email).toBe(result.data.email.trim().toLowerCase());
        expect(result.data.email).toMatch(/^[^@\s\u0000]+@[^@\s\u0000]+\.[a-z]{2,}$/);
        expect(result.data.email.length).toBeLessThanOrEqual(254);
        expect(result.data.password.length).toBeGreaterThanOrEqual(1);
        expect(result.data.password.length).toBeLessThanOrEqual(MAX_PASSWORD_LENGTH);
      }),
      { numRuns: 300 },
    );
  });

  it('signs in with the email exactly as registration stored it', () => {
    const form = { name: 'Sam Peeters', password: 'correct horse battery', countryCode: 'BE' };
    fc.assert(
      fc.property(emailish, (email) => {
        const registered = registrationFormSchema({ vatNumberRequired: false }).safeParse({ ...form, email });
        if (!registered.success) return;
        for (const [, schema] of schemas) expect(schema.parse({ email, password: 'x' }).email).toBe(registered.data.email);
      }),
      { numRuns: 300 },
    );
  });

  it('an accepted operator password is long and varied enough', () => {
    const password = fc.oneof(
      hostileString,
      fc.string({ minLength: 10, maxLength: 30 }),
      fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 14, maxLength: 40 }),
    );
    fc.assert(
      fc.property(password, (value) => {
        const result = safeParseReadable(adminPasswordSchema, value);
        if (!result.success) return;
        expect(result.data.length).toBeGreaterThanOrEqual(ADMIN_MIN_PASSWORD_LENGTH);
        expect(result.data.length).toBeLessThanOrEqual(MAX_PASSWORD_LENGTH);
        expect(new Set(result.data).size).toBeGreaterThanOrEqual(6);
      }),
      { numRuns: 300 },
    );
  });
});
