import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '@/db/client';
import { staffInvitations, type Tenant } from '@/db/schema';
import type { AdminActor } from '@/lib/auth/authorize-admin';
import { INVITATION_DAYS } from '@/lib/staff/staff-invitations';
import { sendTenantEmail } from '@/lib/email/send-tenant-email';
import { tenantBaseUrl } from '@/lib/tenancy/tenant-url';

/**
 * The new shop's owner is invited like any staff member (the same table, link and acceptance page), as
 * an owner. Only the token's hash is stored; the link is in the email alone.
 */
export async function createOwnerInvitation(db: Executor, tenantId: string, email: string, admin: AdminActor, now = new Date()) {
  const token = randomBytes(32).toString('base64url');
  const [invitation] = await db
    .insert(staffInvitations)
    .values({
      tenantId,
      email,
      role: 'owner',
      tokenHash: createHash('sha256').update(token).digest('hex'),
      invitedBy: admin.id,
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
    })
    .returning({ id: staffInvitations.id });
  return { invitationId: invitation!.id, token };
}

export async function sendOwnerInvitation(tenant: Tenant, email: string, invitation: { invitationId: string; token: string }): Promise<void> {
  const shopUrl = tenantBaseUrl(tenant);
  await sendTenantEmail(tenant, {
    template: 'staff-invitation',
    to: email,
    shopUrl,
    idempotencyKey: `staff-invitation:${invitation.invitationId}`,
    props: { inviterName: 'The Storefleet team', role: 'owner', acceptUrl: `${shopUrl}/dashboard/invite/${invitation.token}`, expiresInDays: INVITATION_DAYS },
  });
}
