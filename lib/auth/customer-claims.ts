import type { Session } from 'next-auth';
import { signedInAtOf } from './session-freshness';

/** What a customer's session says (lib/auth/session-claims.d.ts). */
export type SessionClaims = Pick<Session, 'customerId' | 'tenantId' | 'signedInAt'>;

/**
 * The customer claims of a decoded session token, each kept only when it has its type. One function for
 * Auth.js's session callback and for the page read that decodes the cookie itself, so the two cannot
 * come to disagree on what a token says.
 */
export function customerClaimsOf(token: Record<string, unknown>): SessionClaims {
  return {
    customerId: typeof token.customerId === 'string' ? token.customerId : undefined,
    tenantId: typeof token.tenantId === 'string' ? token.tenantId : undefined,
    signedInAt: signedInAtOf(token),
  };
}
