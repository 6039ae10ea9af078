import 'server-only';
import { and, eq } from 'drizzle-orm';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { platformDb } from '@/db/connection-registry';
import { staffUsers, tenantMemberships } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { safeRedirectPath } from '@/lib/forms/form-state';
import { PUBLIC_PATH_HEADER } from '@/lib/tenancy/internal-path';
import { sessionPredatesPasswordChange } from './session-freshness';
import { staffAuth } from './staff-auth';

export interface StaffMember {
  id: string;
  email: string;
  name: string;
  tenantId: string;
  role: 'owner' | 'manager';
}

/**
 * The signed-in staff member of this shop, checked against the database on every request: a session
 * issued for another shop, for a membership revoked since, or signed in before the member's last
 * password change, counts as nobody.
 */
export const getCurrentStaff = cache(async (tenantId: string): Promise<StaffMember | null> => {
  const session = await staffSession();
  if (!session?.staffUserId || session.tenantId !== tenantId) return null;
  const db = await platformDb();
  const [row] = await db
    .select({
      id: staffUsers.id,
      email: staffUsers.email,
      name: staffUsers.name,
      role: tenantMemberships.role,
      passwordChangedAt: staffUsers.passwordChangedAt,
    })
    .from(staffUsers)
    .innerJoin(tenantMemberships, and(eq(tenantMemberships.staffUserId, staffUsers.id), eq(tenantMemberships.tenantId, tenantId)))
    .where(eq(staffUsers.id, session.staffUserId));
  if (!row || sessionPredatesPasswordChange(session.signedInAt, row.passwordChangedAt)) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role, tenantId };
});

const staffSession = cache(() => staffAuth());

/** A staff session issued by another shop (a cookie carried over by hand): that shop's business only. */
async function signedInElsewhere(tenantId: string): Promise<boolean> {
  const session = await staffSession();
  return Boolean(session?.staffUserId && session.tenantId && session.tenantId !== tenantId);
}

/**
 * For dashboard pages: the staff member; without a session, off to the sign-in page; with another
 * shop's session, a 404, as if this dashboard did not exist.
 */
export async function requireStaffPage(tenantId: string, path?: string): Promise<StaffMember> {
  const staff = await getCurrentStaff(tenantId);
  if (staff) return staff;
  if (await signedInElsewhere(tenantId)) notFound();
  redirect(`/dashboard/sign-in?callbackUrl=${encodeURIComponent(path ?? (await requestedDashboardPath()))}`);
}

/** Back to the dashboard page that was asked for after signing in (only ever a dashboard path). */
async function requestedDashboardPath(): Promise<string> {
  const asked = safeRedirectPath((await headers()).get(PUBLIC_PATH_HEADER), '/dashboard');
  return asked === '/dashboard' || asked.startsWith('/dashboard/') || asked.startsWith('/dashboard?') ? asked : '/dashboard';
}

/** For dashboard actions: the staff member (with at least `role`); UNAUTHENTICATED, or FORBIDDEN for another shop's session. */
export async function requireStaff(tenantId: string, role: 'owner' | 'manager' = 'manager'): Promise<StaffMember> {
  const staff = await getCurrentStaff(tenantId);
  if (!staff && (await signedInElsewhere(tenantId))) throw new AppError('FORBIDDEN', 'This dashboard belongs to another shop.');
  if (!staff) throw new AppError('UNAUTHENTICATED', 'Please sign in to the dashboard.');
  if (role === 'owner' && staff.role !== 'owner') throw new AppError('FORBIDDEN', 'Only the shop owner can do this.');
  return staff;
}
