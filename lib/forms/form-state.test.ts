import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
vi.mock('server-only', () => ({}));

import { AppError } from '@/lib/errors';
import { hostileString, hostileValue } from '@/tests/support/hostile-input';
import { errorFormState } from './form-error-state';
import { checkedAfter, formValues, idleFormState, listValue, safeRedirectPath, secretFieldError, valueAfter } from './form-state';

describe('form state', () => {
  it('keeps what was typed except secrets', () => {
    const data = new FormData();
    data.set('email', 'sam@example.com');
    data.set('password', 'hunter2hunter2');
    expect(formValues(data)).toEqual({ email: 'sam@example.com' });
  });

  it('maps validation errors to fields and other errors to a readable message', () => {
    const validation = new AppError('VALIDATION_FAILED', 'Check the fields.', { details: { fieldErrors: { email: 'Bad email' } } });
    expect(errorFormState(validation, {})).toMatchObject({ status: 'error', fieldErrors: { email: 'Bad email' } });
    expect(errorFormState(new Error('db password=secret'), {}).message).toBe('Something went wrong on our side. Please try again.');
  });

  it('never redirects off-site', () => {
    expect(safeRedirectPath('/account/addresses')).toBe('/account/addresses');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', undefined, 42]) expect(safeRedirectPath(bad)).toBe('/account');
  });
});

describe('form state: properties', () => {
  const origin = 'https://acme.storefleet.test';
  const pathish = fc.oneof(
    hostileValue,
    fc.webPath(),
    fc
      .tuple(
        fc.constantFrom('/', '//', '/\\', '\\', '/\t/', '/\n/', '/\r/', '/ /', '/\u0000/', '/%2f/', '/./', '/../', 'https:', 'javascript:'),
        fc.webUrl(),
        fc.string(),
      )
      .map(([a, b, c]) => `${a}${b}${c}`),
    fc
      .tuple(
        fc.constantFrom('/', '/account/'),
        fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 10 }),
        fc.constantFrom('evil.example', '/evil.example'),
      )
      .map(([a, b, c]) => `${a}${b}${c}`),
  );

  it('redirects only to a path on the same site, as a browser resolves it', () => {
    fc.assert(
      fc.property(pathish, (value) => {
        const path = safeRedirectPath(value, '/account');
        expect(path.startsWith('/')).toBe(true);
        expect(new URL(path, origin).origin).toBe(origin);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a plain same-site path as it is', () => {
    fc.assert(
      fc.property(
        fc.webPath().filter((p) => p.startsWith('/') && !p.startsWith('//')),
        (path) => {
          expect(safeRedirectPath(path)).toBe(path);
        },
      ),
    );
  });

  it('turns a path with any character into one a Location header can carry, meaning the same', () => {
    expect(safeRedirectPath('/products?q=é😀')).toBe('/products?q=%C3%A9%F0%9F%98%80');
    expect(safeRedirectPath('/a b\u2028\ud800')).toBe('/a%20b%E2%80%A8%EF%BF%BD');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (tail) => {
        const path = safeRedirectPath(`/${tail}`);
        expect(path).toMatch(/^[\x21-\x7e]+$/);
        if (path !== '/account' && !tail.includes('%')) expect(decodeURIComponent(path)).toBe(`/${tail.toWellFormed()}`);
      }),
      { numRuns: 300 },
    );
  });

  it('does not redirect off-site through a tab or newline, which URL parsing removes', () => {
    for (const value of ['/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example']) {
      expect(safeRedirectPath(value)).toBe('/account');
    }
  });

  it('never keeps a secret field, and keeps every other text field as typed', () => {
    const entry = fc.tuple(
      fc.oneof(fc.constantFrom('password', 'newPassword', 'confirmPassword', 'token', '$ACTION_ID_1', 'email', 'name'), hostileString),
      hostileString,
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const data = new FormData();
        for (const [key, value] of entries) data.append(key, value);
        const values = formValues(data);
        for (const key of ['password', 'newPassword', 'confirmPassword', 'token']) expect(Object.hasOwn(values, key)).toBe(false);
        for (const key of Object.keys(values)) {
          expect(key.startsWith('$ACTION')).toBe(false);
          expect(values[key]).toBe(data.getAll(key).at(-1));
        }
      }),
    );
  });

  it('answers any thrown value with a readable message, never the error’s own text unless it is an application error', () => {
    const thrown = fc.oneof(
      hostileValue,
      hostileString.map((message) => new Error(message)),
      fc
        .tuple(
          fc.constantFrom('VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN') as fc.Arbitrary<'VALIDATION_FAILED'>,
          fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
        )
        .map(([code, message]) => new AppError(code, message)),
    );
    fc.assert(
      fc.property(thrown, (error) => {
        const state = errorFormState(error, { email: 'sam@example.com' });
        expect(state.status).toBe('error');
        expect(state.message?.trim()).not.toBe('');
        expect(state.values).toEqual({ email: 'sam@example.com' });
        if (!(error instanceof AppError)) expect(state.message).toBe('Something went wrong on our side. Please try again.');
      }),
    );
  });
});

describe('form state: what comes back after an error', () => {
  const sent = (entries: [string, string][]) => {
    const data = new FormData();
    for (const [k, v] of entries) data.append(k, v);
    return data;
  };

  it('ticks a box or radio as sent: absent means unticked once submitted, the initial state before', () => {
    const state = errorFormState(
      new Error('x'),
      formValues(
        sent([
          ['paymentMethod', 'card'],
          ['name', 'Sam'],
        ]),
      ),
    );
    expect(checkedAfter(state, 'paymentMethod', 'card', false)).toBe(true);
    expect(checkedAfter(state, 'paymentMethod', 'invoice', true)).toBe(false);
    expect(checkedAfter(state, 'isDefault', 'on', true)).toBe(false);
    expect(checkedAfter(idleFormState, 'isDefault', 'on', true)).toBe(true);
  });

  it('keeps every ticked value of a checkbox group', () => {
    const values = formValues(
      sent([
        ['brands', '3'],
        ['brands', '7'],
        ['name', 'x'],
      ]),
      { lists: ['brands', 'categories'] },
    );
    expect(listValue(values, 'brands')).toEqual(['3', '7']);
    expect(listValue(values, 'categories')).toEqual([]);
    const state = errorFormState(new Error('x'), values);
    expect(checkedAfter(state, 'brands', '7', false)).toBe(true);
    expect(checkedAfter(state, 'brands', '5', true)).toBe(false);
  });

  it('gives back typed values, and asks for a password again instead of sending it back', () => {
    const state = errorFormState(
      new AppError('VALIDATION_FAILED', 'Check', { details: { fieldErrors: { email: 'Bad' } } }),
      formValues(
        sent([
          ['countryCode', 'NL'],
          ['password', 'hunter2hunter2'],
        ]),
      ),
    );
    expect(valueAfter(state, 'countryCode', 'BE')).toBe('NL');
    expect(valueAfter(idleFormState, 'countryCode', 'BE')).toBe('BE');
    expect(JSON.stringify(state)).not.toContain('hunter2');
    expect(secretFieldError(state, 'password')).toMatch(/enter this password again/);
    expect(secretFieldError(idleFormState, 'password')).toBeUndefined();
  });
});
