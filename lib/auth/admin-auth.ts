import NextAuth, { type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authConfig } from './auth';
import { authorizeAdmin } from './authorize-admin';

/**
 * Platform operators sign in on the admin host only, with a third Auth.js instance: its own base path
 * and cookies, and a working day's session, so neither a customer's nor a shop's staff session ever
 * opens the console.
 */
const prefix = 'storefleet-admin';

export const adminAuthConfig = {
  ...authConfig,
  basePath: '/api/admin-auth',
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  pages: { signIn: '/sign-in' },
  cookies: {
    sessionToken: { name: `${prefix}.session-token` },
    callbackUrl: { name: `${prefix}.callback-url` },
    csrfToken: { name: `${prefix}.csrf-token` },
  },
  providers: [
    Credentials({
      id: 'admin-credentials',
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      authorize: authorizeAdmin,
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.adminId = user.id;
      return token;
    },
    session({ session, token }) {
      return { ...session, adminId: typeof token.adminId === 'string' ? token.adminId : undefined };
    },
  },
} satisfies NextAuthConfig;

export const { handlers: adminHandlers, auth: adminAuth, signIn: adminSignIn, signOut: adminSignOut } = NextAuth(adminAuthConfig);
