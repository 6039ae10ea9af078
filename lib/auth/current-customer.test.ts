import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));
vi.mock('./read-customer-session', () => ({ readCustomerSession: async () => null }));

const { hasSessionCookie, sessionCustomerIdFor } = await import('./current-customer');

const ACME = '3b1f7a52-3c0e-4a53-9d1c-0a8d5c1e2f01';
const CONSUMER = '9a0e44c1-8f1c-4a8e-bf1e-52f4c2d7e7a2';

describe('sessionCustomerIdFor', () => {
  it('accepts a session on the shop that issued it', () => {
    expect(sessionCustomerIdFor({ customerId: 'c1', tenantId: ACME }, ACME)).toBe('c1');
  });

  it("rejects a session replayed on another tenant's host", () => {
    expect(sessionCustomerIdFor({ customerId: 'c1', tenantId: ACME }, CONSUMER)).toBeNull();
  });

  it('rejects sessions without a tenant or customer', () => {
    expect(sessionCustomerIdFor({ customerId: 'c1' }, ACME)).toBeNull();
    expect(sessionCustomerIdFor({ tenantId: ACME }, ACME)).toBeNull();
    expect(sessionCustomerIdFor(null, ACME)).toBeNull();
  });
});

describe('hasSessionCookie', () => {
  it('recognises the Auth.js session cookie, secure or not, whole or chunked', () => {
    expect(hasSessionCookie(['authjs.session-token'])).toBe(true);
    expect(hasSessionCookie(['theme', '__Secure-authjs.session-token'])).toBe(true);
    expect(hasSessionCookie(['authjs.session-token.0', 'authjs.session-token.1'])).toBe(true);
  });

  it('does not take other cookies for a session', () => {
    expect(hasSessionCookie([])).toBe(false);
    expect(hasSessionCookie(['authjs.csrf-token', 'authjs.callback-url', 'x-authjs.session-token'])).toBe(false);
  });
});
