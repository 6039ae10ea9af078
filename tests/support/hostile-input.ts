import fc from 'fast-check';
import { expect } from 'vitest';
import type { z } from 'zod';
import { fieldErrorsOf } from '@/lib/forms/field-errors';

/**
 * Arbitraries for property tests at the trust boundaries: what a forged form, a hand-written URL, an
 * uploaded file or a replayed payload may carry, not what the user interface sends.
 */

/** Keys that have tripped up object handling elsewhere: prototype pollution and coercion hooks. */
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', ''),
  fc.string({ maxLength: 12 }),
);

const controlChar = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));

/** Strings of every kind: ASCII, unicode, lone surrogates, control characters, long ones and famous troublemakers. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: controlChar, maxLength: 10 }),
  fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([a, b]) => `${a}\u0000${b}`),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\u00a0',
    '\ufeff',
    '\u202e',
    '\ud800',
    '__proto__',
    'constructor',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    '0x10',
    '<script>alert(1)</script>',
    "'; drop table customers; --",
    '%00',
    '../../etc/passwd',
    'ﬀ',
    '\u212a',
  ),
  fc.tuple(fc.constantFrom('a', '9', ' ', '€', '\u0000'), fc.integer({ min: 200, max: 5_000 })).map(([char, n]) => char.repeat(n)),
);

/** Any value a decoded request may hold, nested, with hostile keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.anything({
    key: hostileKey,
    maxDepth: 3,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withSparseArray: true,
    withTypedArray: true,
  }),
  fc.array(hostileString, { maxLength: 4 }),
);

/** An object with the given keys (each one maybe absent) holding hostile values, plus hostile extra keys. */
export function hostileRecord(keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(keys.map((key) => [key, hostileValue]));
  return fc
    .tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(hostileKey, hostileValue, { maxKeys: 3 }))
    .map(([known, extra]) => ({ ...extra, ...known }));
}

/** Like `hostileRecord`, but every value is a string or absent: a form post or a query string. */
export function hostileForm(keys: readonly string[]): fc.Arbitrary<Record<string, string>> {
  const fields = Object.fromEntries(keys.map((key) => [key, hostileString]));
  return fc.record(fields, { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;
}

/** A valid form with one field replaced by a hostile string or left out: the case that finds wrong acceptances. */
export function withOneHostileField<T extends Record<string, unknown>>(valid: fc.Arbitrary<T>, value: fc.Arbitrary<unknown> = hostileString) {
  return fc.tuple(valid, fc.nat(), value, fc.boolean()).map(([form, index, hostile, drop]) => {
    const keys = Object.keys(form);
    const key = keys[index % keys.length]!;
    const copy: Record<string, unknown> = { ...form };
    if (drop) delete copy[key];
    else copy[key] = hostile;
    return copy;
  });
}

/** An address zod's email check accepts (fc.emailAddress() also makes RFC-only forms it refuses). */
export const validEmail = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9_+-]{0,15}$/),
    fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/), { minLength: 1, maxLength: 3 }),
    fc.stringMatching(/^[a-z]{2,6}$/),
  )
  .map(([local, labels, tld]) => `${local}@${labels.join('.')}.${tld}`);

/** Every issue of a failed parse is a non-empty message a person can read, and so is every field error. */
function expectReadableIssues(error: z.ZodError): void {
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect(typeof issue.message).toBe('string');
    expect(issue.message.trim()).not.toBe('');
  }
  for (const message of Object.values(fieldErrorsOf(error))) expect(message.trim()).not.toBe('');
}

/** `safeParse` that must not throw, and whose failures must be readable. */
export function safeParseReadable<S extends z.ZodType>(schema: S, input: unknown): z.ZodSafeParseResult<z.output<S>> {
  const result = schema.safeParse(input);
  if (!result.success) expectReadableIssues(result.error);
  return result;
}

/** Text PostgreSQL can bind: a U+0000 in any parameter fails the whole statement. */
export function expectStorableText(value: string | null | undefined): void {
  if (typeof value === 'string') expect(value.includes('\u0000')).toBe(false);
}

/** The error a function threw, or undefined when it returned. */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
    return undefined;
  } catch (error) {
    return error;
  }
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
