import NextAuth from 'next-auth';
import { authorizeAdmin } from './authorize-admin';
import { separateSessionConfig } from './separate-session';

/**
 * Platform operators sign in on the admin host only, with a third Auth.js instance: its own base path
 * and cookies, and a working day's session, so neither a customer's nor a shop's staff session ever
 * opens the console.
 */
const adminAuthConfig = separateSessionConfig({
  cookiePrefix: 'storefleet-admin',
  basePath: '/api/admin-auth',
  maxAgeSeconds: 8 * 60 * 60,
  signInPage: '/sign-in',
  providerId: 'admin-credentials',
  authorize: authorizeAdmin,
  subjectClaim: 'adminId',
  carriesTenant: false,
});

export const { handlers: adminHandlers, auth: adminAuth, signIn: adminSignIn, signOut: adminSignOut } = NextAuth(adminAuthConfig);
