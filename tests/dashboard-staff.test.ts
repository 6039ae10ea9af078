import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentEmails, staffUsers, tenantMemberships, tenants, type Tenant } from '@/db/schema';
import { authorizeStaff } from '@/lib/auth/authorize-staff';
import type { StaffMember } from '@/lib/auth/current-staff';
import { acceptInvitation, findInvitation, inviteStaff, listStaff, removeStaffMember } from '@/lib/staff/staff-invitations';
import { isAppError } from '@/lib/errors';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

let demo: DemoCatalog;
let acme: Tenant;
let consumer: Tenant;
let owner: StaffMember;

beforeAll(async () => {
  demo = await seedDemoForTest();
  acme = (await demo.db.select().from(tenants).where(eq(tenants.subdomain, 'acme')))[0]!;
  consumer = (await demo.db.select().from(tenants).where(eq(tenants.subdomain, 'consumer')))[0]!;
  const [row] = await demo.db.select().from(staffUsers).where(eq(staffUsers.email, 'owner@acme.test'));
  owner = { id: row!.id, email: row!.email, name: row!.name, tenantId: acme.id, role: 'owner' };
});
afterAll(async () => demo.cleanup());

/** The token from the invitation email's link, as the invitee would click it. */
async function tokenSentTo(tenantId: string, email: string): Promise<string> {
  const [mail] = await withTenant(tenantId, (tx) =>
    tx
      .select()
      .from(sentEmails)
      .where(and(eq(sentEmails.toAddress, email), eq(sentEmails.template, 'staff-invitation')))
      .orderBy(sentEmails.createdAt),
  );
  const match = /\/dashboard\/invite\/([A-Za-z0-9_-]+)/.exec(mail!.html);
  return match![1]!;
}

const signIn = (host: string, email: string, password: string) =>
  authorizeStaff({ email, password }, new Request(`http://${host}/api/staff-auth/callback/staff-credentials`, { method: 'POST', headers: { host } }));

describe('staff invitations', () => {
  it('an invited newcomer joins with a name and password, once, and can then sign in to that shop only', async () => {
    await inviteStaff(acme, owner, { email: 'Nina@Example.test', role: 'manager' });
    const token = await tokenSentTo(acme.id, 'nina@example.test');
    expect(await findInvitation(consumer.id, token)).toBeNull();
    await acceptInvitation(acme.id, token, { name: 'Nina Desk', password: 'a long enough password' });
    const again = await acceptInvitation(acme.id, token, { name: 'Nina Desk', password: 'a long enough password' }).catch((e: unknown) => e);
    expect(isAppError(again, 'NOT_FOUND')).toBe(true);
    expect(await signIn('acme.localhost', 'nina@example.test', 'a long enough password')).toMatchObject({ tenantId: acme.id });
    expect(await signIn('consumer.localhost', 'nina@example.test', 'a long enough password')).toBeNull();
    const { members, invitations } = await listStaff(acme.id);
    expect(members).toContainEqual(expect.objectContaining({ email: 'nina@example.test', role: 'manager' }));
    expect(invitations.map((i) => i.email)).not.toContain('nina@example.test');
  });

  it('someone with a staff account elsewhere proves it with their own password', async () => {
    const consumerOwner = (await demo.db.select().from(staffUsers).where(eq(staffUsers.email, 'owner@consumer.test')))[0]!;
    await inviteStaff(acme, owner, { email: 'owner@consumer.test', role: 'manager' });
    const token = await tokenSentTo(acme.id, 'owner@consumer.test');
    const wrong = await acceptInvitation(acme.id, token, { password: 'somebody elses guess' }).catch((e: unknown) => e);
    expect(isAppError(wrong, 'VALIDATION_FAILED')).toBe(true);
    await acceptInvitation(acme.id, token, { password: 'storefleet-demo' });
    const memberships = await demo.db.select().from(tenantMemberships).where(eq(tenantMemberships.staffUserId, consumerOwner.id));
    expect(memberships.map((m) => m.tenantId).sort()).toEqual([acme.id, consumer.id].sort());
  });

  it('refuses to invite a team member again, and an expired link is dead', async () => {
    const again = await inviteStaff(acme, owner, { email: 'owner@acme.test', role: 'owner' }).catch((e: unknown) => e);
    expect(isAppError(again, 'VALIDATION_FAILED')).toBe(true);
    await inviteStaff(acme, owner, { email: 'late@example.test', role: 'manager' });
    const token = await tokenSentTo(acme.id, 'late@example.test');
    const inEightDays = new Date(Date.now() + 8 * 86_400_000);
    expect(await findInvitation(acme.id, token, inEightDays)).toBeNull();
  });

  it('never removes the last owner, nor yourself, nor someone of another shop', async () => {
    const self = await removeStaffMember(acme.id, owner, owner.id).catch((e: unknown) => e);
    expect(isAppError(self, 'CONFLICT')).toBe(true);
    const consumerOwner = (await demo.db.select().from(staffUsers).where(eq(staffUsers.email, 'owner@consumer.test')))[0]!;
    const consumerActor: StaffMember = { id: 'x', email: 'x', name: 'x', tenantId: consumer.id, role: 'owner' };
    const last = await removeStaffMember(consumer.id, { ...consumerActor, id: crypto.randomUUID() }, consumerOwner.id).catch((e: unknown) => e);
    expect(isAppError(last, 'CONFLICT')).toBe(true);
    const stranger = await removeStaffMember(consumer.id, consumerActor, owner.id).catch((e: unknown) => e);
    expect(isAppError(stranger, 'NOT_FOUND')).toBe(true);
  });
});
