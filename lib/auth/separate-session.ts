import type { NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authConfig } from './auth';
import { createAuthLogger } from './auth-logger';
import { signedInAtOf, stampSignedInAt } from './session-freshness';

type Authorize = (raw: unknown, request: Request) => Promise<{ id: string; tenantId?: string } | null>;

export interface SeparateSessionOptions {
  /** Cookie names are `<cookiePrefix>.session-token` etc., so the instances never read each other's. */
  cookiePrefix: string;
  basePath: string;
  maxAgeSeconds: number;
  signInPage: string;
  providerId: string;
  authorize: Authorize;
  /** The session field that names the signed-in person (see lib/auth/session-claims.d.ts). */
  subjectClaim: 'staffUserId' | 'adminId';
  /** Whether the session also names the one shop it was issued for. */
  carriesTenant: boolean;
}

const stringOrUndefined = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * An Auth.js configuration for a kind of account that must never share a session with another: shop
 * staff and platform operators each get one, with their own base path, cookies and session length, on
 * top of the customers' configuration (secret, logger, trusted hosts).
 */
export function separateSessionConfig(options: SeparateSessionOptions): NextAuthConfig {
  const { cookiePrefix, subjectClaim, carriesTenant } = options;
  return {
    ...authConfig,
    basePath: options.basePath,
    logger: createAuthLogger(cookiePrefix.replace(/^storefleet-/, '')),
    session: { strategy: 'jwt', maxAge: options.maxAgeSeconds },
    pages: { signIn: options.signInPage },
    cookies: {
      sessionToken: { name: `${cookiePrefix}.session-token` },
      callbackUrl: { name: `${cookiePrefix}.callback-url` },
      csrfToken: { name: `${cookiePrefix}.csrf-token` },
    },
    providers: [
      Credentials({
        id: options.providerId,
        credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
        authorize: options.authorize,
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token[subjectClaim] = user.id;
          stampSignedInAt(token);
          if (carriesTenant) token.tenantId = user.tenantId;
        }
        return token;
      },
      session({ session, token }) {
        return {
          ...session,
          [subjectClaim]: stringOrUndefined(token[subjectClaim]),
          signedInAt: signedInAtOf(token),
          ...(carriesTenant ? { tenantId: stringOrUndefined(token.tenantId) } : {}),
        };
      },
    },
  };
}
