import 'server-only';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { AppError } from '@/lib/errors';
import { safeRedirectPath } from '@/lib/forms/form-state';
import { PUBLIC_PATH_HEADER } from '@/lib/tenancy/internal-path';
import { requestHost } from '@/lib/tenancy/parse-host';
import { adminAuth } from './admin-auth';
import { resolveAdminAccess, type AdminAccess, type AdminActor } from './authorize-admin';
import { auth } from './auth';
import { staffAuth } from './staff-auth';

export type { AdminActor };

/** Decided once per request, from the three sessions and the host, checked against the database. */
export const getAdminAccess = cache(async (): Promise<AdminAccess> => {
  const [requestHeaders, admin, staff, customer] = await Promise.all([headers(), adminAuth(), staffAuth(), auth()]);
  return resolveAdminAccess({
    host: requestHost(requestHeaders),
    admin,
    others: [staff, customer],
  });
});

/**
 * For console pages: the operator; nobody signed in goes to the sign-in page; a shop's staff member or
 * customer gets a 404, as if the console did not exist.
 */
export async function requireAdminPage(): Promise<AdminActor> {
  const access = await getAdminAccess();
  if (access.kind === 'admin') return access.admin;
  if (access.kind === 'someone-else') notFound();
  const asked = safeRedirectPath((await headers()).get(PUBLIC_PATH_HEADER), '/');
  redirect(`/sign-in?callbackUrl=${encodeURIComponent(asked.startsWith('/sign-in') ? '/' : asked)}`);
}

/** For console actions: the operator; UNAUTHENTICATED for nobody, FORBIDDEN for anybody else. */
export async function requireAdmin(): Promise<AdminActor> {
  const access = await getAdminAccess();
  if (access.kind === 'admin') return access.admin;
  if (access.kind === 'someone-else') throw new AppError('FORBIDDEN', 'This is the platform console.');
  throw new AppError('UNAUTHENTICATED', 'Please sign in to the console.');
}
