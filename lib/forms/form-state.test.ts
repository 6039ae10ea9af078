import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { errorFormState, formValues, safeRedirectPath } from './form-state';

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
