import NextAuth, { type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { createAuthLogger } from './auth-logger';
import { authorizeCustomer } from './authorize-customer';
import { customerClaimsOf } from './customer-claims';
import { stampSignedInAt } from './session-freshness';

function authSecret(): string | undefined {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  // Development and tests only: production refuses to start signing sessions without a real secret.
  if (process.env.NODE_ENV !== 'production') return 'storefleet-development-secret-not-for-production';
  return undefined;
}

export const authConfig = {
  secret: authSecret(),
  // Every tenant host (subdomain or custom domain) is a legitimate origin; cookies stay host-only.
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: '/account/sign-in' },
  // Through the app's structured log, quietly for what a client causes (lib/auth/auth-logger.ts).
  logger: createAuthLogger('customer'),
  providers: [
    Credentials({
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      authorize: authorizeCustomer,
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.customerId = user.id;
        token.tenantId = user.tenantId;
        stampSignedInAt(token);
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, ...customerClaimsOf(token) };
    },
  },
} satisfies NextAuthConfig;

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
