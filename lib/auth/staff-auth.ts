import NextAuth from 'next-auth';
import { authorizeStaff } from './authorize-staff';
import { separateSessionConfig } from './separate-session';

/**
 * Staff (shop owners and their team) sign in separately from customers: their own Auth.js instance at
 * /api/staff-auth with their own cookies, so a customer session never opens the dashboard and a staff
 * session never shops as a customer. Like customer sessions, a staff session names the one shop it was
 * issued for, and the dashboard checks it against the host on every request.
 */
const staffAuthConfig = separateSessionConfig({
  cookiePrefix: 'storefleet-staff',
  basePath: '/api/staff-auth',
  maxAgeSeconds: 12 * 60 * 60,
  signInPage: '/dashboard/sign-in',
  providerId: 'staff-credentials',
  authorize: authorizeStaff,
  subjectClaim: 'staffUserId',
  carriesTenant: true,
});

export const { handlers: staffHandlers, auth: staffAuth, signIn: staffSignIn, signOut: staffSignOut } = NextAuth(staffAuthConfig);
