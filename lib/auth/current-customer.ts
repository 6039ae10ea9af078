import 'server-only';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import type { Customer } from '@/db/schema';
import { expireTemporaryApproval, findCustomerWithCartUnits } from '@/lib/customers/customer-repository';
import { effectiveCustomerStatus } from '@/lib/registration/decide-registration';
import { withTenant } from '@/lib/tenancy/with-tenant';
import type { SessionClaims } from './customer-claims';
import { readCustomerSession } from './read-customer-session';
import { hasSessionCookie } from './session-cookie';
import { sessionPredatesPasswordChange } from './session-freshness';

/**
 * A session is valid only on the shop that issued it. Cookies are host-only already; this also rejects
 * a session cookie copied by hand to another tenant's host.
 */
export function sessionCustomerIdFor(session: SessionClaims | null | undefined, tenantId: string): string | null {
  if (!session?.customerId || !session.tenantId) return null;
  return session.tenantId === tenantId ? session.customerId : null;
}

export { hasSessionCookie };

/** The signed-in customer and the units in their cart (the shop header's count). */
export interface SignedInCustomer {
  customer: Customer;
  cartUnits: number;
}

/**
 * This request's session claims, decoded once however many components ask. Not `auth()`: that runs
 * Auth.js's whole session action and re-encrypts the token for a cookie a page cannot set (see
 * docs/decisions/0015-page-session-read-without-auth-pipeline.md). Sign-in and sign-out still go
 * through Auth.js.
 */
const requestSessionClaims = cache(async (): Promise<SessionClaims | null> => readCustomerSession(await headers()));

/**
 * The signed-in customer of this shop, fresh from the database (status changes apply at once), with their
 * cart's units read in the same statement. A session signed in before the account's last password reset
 * or change counts as nobody.
 */
export const getSignedInCustomer = cache(async (tenantId: string): Promise<SignedInCustomer | null> => {
  // No session cookie, no session: a visitor skips decoding and the request headers altogether.
  if (!hasSessionCookie((await cookies()).getAll().map((c) => c.name))) return null;
  const session = await requestSessionClaims();
  const customerId = sessionCustomerIdFor(session, tenantId);
  if (!customerId) return null;
  return withTenant(tenantId, async (tx) => {
    const found = await findCustomerWithCartUnits(tx, customerId);
    if (!found || sessionPredatesPasswordChange(session?.signedInAt, found.customer.passwordChangedAt)) return null;
    const now = new Date();
    if (effectiveCustomerStatus(found.customer, now) === 'expired') {
      return { ...found, customer: (await expireTemporaryApproval(tx, found.customer.id, now)) ?? found.customer };
    }
    return found;
  });
});

/** The signed-in customer of this shop (`getSignedInCustomer` without the cart). */
export const getCurrentCustomer = cache(async (tenantId: string): Promise<Customer | null> => (await getSignedInCustomer(tenantId))?.customer ?? null);
