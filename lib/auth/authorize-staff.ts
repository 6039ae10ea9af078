import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { platformDb } from '@/db/connection-registry';
import { staffUsers, tenantMemberships } from '@/db/schema';
import { requestHost } from '@/lib/tenancy/parse-host';
import { getTenantByHost } from '@/lib/tenancy/tenant-directory';
import { verifyPassword } from './password';
import { admitSignIn, forgetSignInFailures } from './sign-in-limits';

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

/** A staff member of the shop on this host, with their role there; null for anybody else. */
async function findStaffMembership(tenantId: string, email: string) {
  const db = await platformDb();
  const [row] = await db
    .select({ id: staffUsers.id, email: staffUsers.email, name: staffUsers.name, passwordHash: staffUsers.passwordHash, role: tenantMemberships.role })
    .from(staffUsers)
    .innerJoin(tenantMemberships, and(eq(tenantMemberships.staffUserId, staffUsers.id), eq(tenantMemberships.tenantId, tenantId)))
    .where(eq(sql`lower(${staffUsers.email})`, email));
  return row ?? null;
}

/**
 * Checks a staff email and password for the shop on the request's host. Membership is part of the check:
 * an owner of one shop signs in to that shop's dashboard only, and gets "wrong email or password" on any
 * other host, exactly like a stranger.
 */
export async function authorizeStaff(raw: unknown, request: Request) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const tenant = await getTenantByHost(requestHost(request.headers) ?? '');
  if (!tenant) return null;
  const { email, password } = parsed.data;
  const accountKey = await admitSignIn({ kind: 'staff', realm: tenant.id, email, request });
  const staff = await findStaffMembership(tenant.id, email);
  if (!(await verifyPassword(staff?.passwordHash ?? undefined, password)) || !staff) return null;
  await forgetSignInFailures(accountKey);
  return { id: staff.id, email: staff.email, name: staff.name, tenantId: tenant.id };
}
