import type { NextAuthConfig } from 'next-auth';
import { getToken } from 'next-auth/jwt';
import { authConfig } from './auth';
import { customerClaimsOf, type SessionClaims } from './customer-claims';

/**
 * Whether Auth.js would read this request's session from the `__Secure-` cookie: the protocol of
 * `AUTH_URL` when set, else X-Forwarded-Proto (always set by Next.js), else https. This is how
 * `auth()` builds its session URL (`createActionURL` in @auth/core) and then picks the cookie names
 * (`useSecureCookies` is not configured).
 */
function usesSecureCookie(headers: Headers, env: Record<string, string | undefined> = process.env): boolean {
  const envUrl = env.AUTH_URL ?? env.NEXTAUTH_URL;
  if (envUrl) return new URL(envUrl).protocol === 'https:';
  const protocol = headers.get('x-forwarded-proto') ?? 'https';
  return new URL(`${protocol.endsWith(':') ? protocol : `${protocol}:`}//localhost`).protocol === 'https:';
}

/**
 * The customer session of a request, for reading it on a page: the cookie (whole or in numbered
 * chunks) is decrypted once with Auth.js's own `decode` (through `getToken`: the same secret, the
 * cookie's name as salt, the expiry checked with Auth.js's 15 s tolerance), and nothing is encoded or
 * set. `auth()` would also run the jwt callback (a no-op without a new user) and re-encrypt the token
 * for a Set-Cookie that a server component discards. A forged, tampered, expired or unreadable cookie,
 * or a missing secret, is no session. Whether it belongs to this shop and to a customer who may still
 * use it is for the caller (lib/auth/current-customer.ts).
 */
export async function readCustomerSession(headers: Headers): Promise<SessionClaims | null> {
  // NextAuth() filled the configuration's secret in from the environment when lib/auth/auth.ts loaded.
  const secret = (authConfig as NextAuthConfig).secret;
  if (!secret?.length) return null;
  let secureCookie: boolean;
  try {
    secureCookie = usesSecureCookie(headers);
  } catch {
    return null;
  }
  // Only the cookie header, as `auth()` passes it: getToken would also take an Authorization bearer.
  const req = { headers: new Headers({ cookie: headers.get('cookie') ?? '' }) };
  const token = await getToken({ req, secret, secureCookie });
  return token ? customerClaimsOf(token) : null;
}
