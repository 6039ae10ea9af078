import NextAuth, { type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authConfig } from './auth';
import { authorizeStaff } from './authorize-staff';

/**
 * Staff (shop owners and their team) sign in separately from customers: their own Auth.js instance at
 * /api/staff-auth with their own cookies, so a customer session never opens the dashboard and a staff
 * session never shops as a customer. Like customer sessions, a staff session names the one shop it was
 * issued for, and the dashboard checks it against the host on every request.
 */
const prefix = 'storefleet-staff';

export const staffAuthConfig = {
  ...authConfig,
  basePath: '/api/staff-auth',
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/dashboard/sign-in' },
  cookies: {
    sessionToken: { name: `${prefix}.session-token` },
    callbackUrl: { name: `${prefix}.callback-url` },
    csrfToken: { name: `${prefix}.csrf-token` },
  },
  providers: [
    Credentials({
      id: 'staff-credentials',
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      authorize: authorizeStaff,
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.staffUserId = user.id;
        token.tenantId = (user as { tenantId?: string }).tenantId;
      }
      return token;
    },
    session({ session, token }) {
      return {
        ...session,
        staffUserId: typeof token.staffUserId === 'string' ? token.staffUserId : undefined,
        tenantId: typeof token.tenantId === 'string' ? token.tenantId : undefined,
      };
    },
  },
} satisfies NextAuthConfig;

export const { handlers: staffHandlers, auth: staffAuth, signIn: staffSignIn, signOut: staffSignOut } = NextAuth(staffAuthConfig);
