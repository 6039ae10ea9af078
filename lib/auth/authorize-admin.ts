import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { platformDb } from '@/db/connection-registry';
import { staffUsers } from '@/db/schema';
import { log } from '@/lib/log';
import { parseHost, requestHost } from '@/lib/tenancy/parse-host';
import { MAX_PASSWORD_LENGTH, verifyPassword } from './password';
import { sessionPredatesPasswordChange } from './session-freshness';
import { admitSignIn, forgetSignInFailures } from './sign-in-limits';

/** Operators hold the keys to every shop: their passwords are longer than a shop's staff passwords. */
export const ADMIN_MIN_PASSWORD_LENGTH = 14;

export const adminPasswordSchema = z
  .string()
  .min(ADMIN_MIN_PASSWORD_LENGTH, `Use at least ${ADMIN_MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH)
  .refine((value) => new Set(value).size >= 6, 'Use a less repetitive password.');

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

function isAdminHost(host: string | null | undefined): boolean {
  return parseHost(host, process.env.PLATFORM_ROOT_DOMAIN).kind === 'admin';
}

/** A platform operator by id or email; null for anybody who is not a super admin. */
export async function findSuperAdmin(by: { id: string } | { email: string }) {
  const db = await platformDb();
  const match = 'id' in by ? eq(staffUsers.id, by.id) : eq(sql`lower(${staffUsers.email})`, by.email.toLowerCase());
  const [row] = await db
    .select({
      id: staffUsers.id,
      email: staffUsers.email,
      name: staffUsers.name,
      passwordHash: staffUsers.passwordHash,
      passwordChangedAt: staffUsers.passwordChangedAt,
    })
    .from(staffUsers)
    .where(and(match, eq(staffUsers.role, 'super_admin')));
  return row ?? null;
}

/**
 * Checks an operator's email and password, on the admin host only: the same credentials typed on a
 * shop's host, or by a shop's staff on the admin host, get "wrong email or password" like a stranger.
 */
export async function authorizeAdmin(raw: unknown, request: Request) {
  if (!isAdminHost(requestHost(request.headers))) return null;
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const accountKey = await admitSignIn({ kind: 'admin', realm: 'platform', email, request });
  const admin = await findSuperAdmin({ email });
  if (!(await verifyPassword(admin?.passwordHash ?? undefined, password)) || !admin) return null;
  await forgetSignInFailures(accountKey);
  log.info({ event: 'admin_signed_in', adminId: admin.id }, 'super admin signed in');
  return { id: admin.id, email: admin.email, name: admin.name };
}

export interface AdminActor {
  id: string;
  email: string;
  name: string;
}

export type AdminAccess = { kind: 'admin'; admin: AdminActor } | { kind: 'anonymous' } | { kind: 'someone-else' };

export interface AdminSessions {
  host: string | null;
  admin: { adminId?: string; signedInAt?: number } | null;
  /** A shop's staff or customer session that reached this host (only ever by a cookie carried over by hand). */
  others: ReadonlyArray<{ staffUserId?: string; customerId?: string } | null>;
}

/**
 * Who is asking, for the console: an operator (an admin session, on the admin host, whose account is a
 * super admin in the database right now), somebody signed in as something else, or nobody.
 */
export async function resolveAdminAccess(sessions: AdminSessions): Promise<AdminAccess> {
  const someoneElse = sessions.others.some((s) => Boolean(s?.staffUserId || s?.customerId));
  if (isAdminHost(sessions.host) && sessions.admin?.adminId) {
    const admin = await findSuperAdmin({ id: sessions.admin.adminId });
    if (admin && sessionPredatesPasswordChange(sessions.admin.signedInAt, admin.passwordChangedAt)) return { kind: 'anonymous' };
    if (admin) return { kind: 'admin', admin: { id: admin.id, email: admin.email, name: admin.name } };
    return { kind: 'someone-else' };
  }
  return someoneElse || sessions.admin?.adminId ? { kind: 'someone-else' } : { kind: 'anonymous' };
}
