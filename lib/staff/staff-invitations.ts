import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, count, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { platformDb } from '@/db/connection-registry';
import { staffInvitations, staffUsers, tenantMemberships, type Tenant } from '@/db/schema';
import type { StaffMember } from '@/lib/auth/current-staff';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from '@/lib/auth/password';
import { sendTenantEmail } from '@/lib/email/send-tenant-email';
import { AppError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { singleLineText } from '@/lib/forms/storable-text';
import { log } from '@/lib/log';
import { tenantBaseUrl } from '@/lib/tenancy/tenant-url';

export const INVITATION_DAYS = 7;
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export const inviteStaffSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter a valid email address.').max(254),
  role: z.enum(['manager', 'owner'], { error: 'Choose a role.' }),
});

function invalid(error: z.ZodError): AppError {
  return new AppError('VALIDATION_FAILED', 'Please check the invitation.', { details: { fieldErrors: fieldErrorsOf(error) } });
}

/** The shop's team and the invitations still open. */
export async function listStaff(tenantId: string, now = new Date()) {
  const db = await platformDb();
  const [members, invitations] = await Promise.all([
    db
      .select({ id: staffUsers.id, name: staffUsers.name, email: staffUsers.email, role: tenantMemberships.role })
      .from(tenantMemberships)
      .innerJoin(staffUsers, eq(staffUsers.id, tenantMemberships.staffUserId))
      .where(eq(tenantMemberships.tenantId, tenantId))
      .orderBy(asc(staffUsers.name)),
    db
      .select({ id: staffInvitations.id, email: staffInvitations.email, role: staffInvitations.role, expiresAt: staffInvitations.expiresAt })
      .from(staffInvitations)
      .where(and(eq(staffInvitations.tenantId, tenantId), isNull(staffInvitations.acceptedAt), gt(staffInvitations.expiresAt, now)))
      .orderBy(asc(staffInvitations.createdAt)),
  ]);
  return { members, invitations };
}

/**
 * The owner invites someone by email. The link carries a random token; only its hash is stored, so the
 * table alone cannot be used to join a shop. Someone already on the team is not invited again.
 */
export async function inviteStaff(tenant: Tenant, inviter: StaffMember, input: unknown, now = new Date()): Promise<{ email: string }> {
  const parsed = inviteStaffSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { email, role } = parsed.data;
  const db = await platformDb();
  const [member] = await db
    .select({ id: staffUsers.id })
    .from(tenantMemberships)
    .innerJoin(staffUsers, eq(staffUsers.id, tenantMemberships.staffUserId))
    .where(and(eq(tenantMemberships.tenantId, tenant.id), eq(sql`lower(${staffUsers.email})`, email)));
  if (member) throw new AppError('VALIDATION_FAILED', 'This person is already on your team.', { details: { fieldErrors: { email: 'Already on your team' } } });
  const token = randomBytes(32).toString('base64url');
  const [invitation] = await db
    .insert(staffInvitations)
    .values({
      tenantId: tenant.id,
      email,
      role,
      tokenHash: tokenHash(token),
      invitedBy: inviter.id,
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
    })
    .returning({ id: staffInvitations.id });
  const shopUrl = tenantBaseUrl(tenant);
  await sendTenantEmail(tenant, {
    template: 'staff-invitation',
    to: email,
    shopUrl,
    idempotencyKey: `staff-invitation:${invitation!.id}`,
    props: { inviterName: inviter.name, role, acceptUrl: `${shopUrl}/dashboard/invite/${token}`, expiresInDays: INVITATION_DAYS },
  });
  log.info({ tenantId: tenant.id, invitationId: invitation!.id, role }, 'staff invited');
  return { email };
}

/** An open invitation of this shop for the token, or null (unknown, used, expired or another shop's). */
export async function findInvitation(tenantId: string, token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const db = await platformDb();
  const [invitation] = await db
    .select()
    .from(staffInvitations)
    .where(
      and(
        eq(staffInvitations.tokenHash, tokenHash(token)),
        eq(staffInvitations.tenantId, tenantId),
        isNull(staffInvitations.acceptedAt),
        gt(staffInvitations.expiresAt, now),
      ),
    );
  if (!invitation) return null;
  const [existing] = await db
    .select({ id: staffUsers.id, name: staffUsers.name })
    .from(staffUsers)
    .where(eq(sql`lower(${staffUsers.email})`, invitation.email));
  return { invitation, existingUser: existing ?? null };
}

export const acceptInvitationSchema = z.object({
  name: singleLineText().min(1, 'Enter your name.').max(100).optional(),
  password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`).max(MAX_PASSWORD_LENGTH),
});

/**
 * Accepting: a newcomer chooses a name and password; someone with a staff account already (at another
 * shop) proves it with their password. The invitation is used up in the same transaction that adds
 * the membership, so a link works once.
 */
export async function acceptInvitation(tenantId: string, token: string, input: unknown, now = new Date()): Promise<{ email: string }> {
  const found = await findInvitation(tenantId, token, now);
  if (!found) throw new AppError('NOT_FOUND', 'This invitation is no longer valid. Ask the shop owner for a new one.');
  const parsed = acceptInvitationSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { invitation, existingUser } = found;
  const db = await platformDb();
  if (!existingUser && !parsed.data.name)
    throw new AppError('VALIDATION_FAILED', 'Please check the form.', { details: { fieldErrors: { name: 'Enter your name.' } } });
  if (existingUser) {
    const [user] = await db.select({ passwordHash: staffUsers.passwordHash }).from(staffUsers).where(eq(staffUsers.id, existingUser.id));
    if (!(await verifyPassword(user?.passwordHash, parsed.data.password))) {
      throw new AppError('VALIDATION_FAILED', 'That is not the password of your staff account.', {
        details: { fieldErrors: { password: 'Not your current password' } },
      });
    }
  }
  const passwordHash = existingUser ? null : await hashPassword(parsed.data.password);
  await db.transaction(async (tx) => {
    const [used] = await tx
      .update(staffInvitations)
      .set({ acceptedAt: now })
      .where(and(eq(staffInvitations.id, invitation.id), isNull(staffInvitations.acceptedAt)))
      .returning({ id: staffInvitations.id });
    if (!used) throw new AppError('NOT_FOUND', 'This invitation was just used.');
    const userId =
      existingUser?.id ??
      (
        await tx.insert(staffUsers).values({ email: invitation.email, name: parsed.data.name!, passwordHash, role: 'staff' }).returning({ id: staffUsers.id })
      )[0]!.id;
    await tx.insert(tenantMemberships).values({ staffUserId: userId, tenantId, role: invitation.role }).onConflictDoNothing();
  });
  log.info({ tenantId, invitationId: invitation.id }, 'staff invitation accepted');
  return { email: invitation.email };
}

export async function revokeInvitation(tenantId: string, invitationId: string): Promise<void> {
  const db = await platformDb();
  await db
    .delete(staffInvitations)
    .where(and(eq(staffInvitations.id, invitationId), eq(staffInvitations.tenantId, tenantId), isNull(staffInvitations.acceptedAt)));
}

/** Takes someone off the team; never yourself, and never the last owner. */
export async function removeStaffMember(tenantId: string, actor: StaffMember, staffUserId: string): Promise<void> {
  if (staffUserId === actor.id) throw new AppError('CONFLICT', 'You cannot remove yourself.');
  const db = await platformDb();
  await db.transaction(async (tx) => {
    const [target] = await tx
      .select({ role: tenantMemberships.role })
      .from(tenantMemberships)
      .where(and(eq(tenantMemberships.tenantId, tenantId), eq(tenantMemberships.staffUserId, staffUserId)))
      .for('update');
    if (!target) throw new AppError('NOT_FOUND', 'This person is not on your team.');
    if (target.role === 'owner') {
      const [owners] = await tx
        .select({ n: count() })
        .from(tenantMemberships)
        .where(and(eq(tenantMemberships.tenantId, tenantId), eq(tenantMemberships.role, 'owner')));
      if ((owners?.n ?? 0) <= 1) throw new AppError('CONFLICT', 'A shop needs at least one owner.');
    }
    await tx.delete(tenantMemberships).where(and(eq(tenantMemberships.tenantId, tenantId), eq(tenantMemberships.staffUserId, staffUserId)));
  });
}
