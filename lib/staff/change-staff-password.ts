import 'server-only';
import { eq } from 'drizzle-orm';
import { platformDb } from '@/db/connection-registry';
import { auditLog, staffUsers } from '@/db/schema';
import type { StaffMember } from '@/lib/auth/current-staff';
import { accountPasswordSchema, changeOwnPassword, type PasswordChangeInput } from '@/lib/auth/password-change';
import { log } from '@/lib/log';
import { withTenant } from '@/lib/tenancy/with-tenant';

/**
 * A staff member changes their own password in the dashboard. The account is one `staff_users` row for
 * every shop the person works for, so every dashboard session signed in before now ends, at each of
 * those shops and this one too; the change is written to the audit log of the shop it was made at.
 */
export async function changeStaffPassword(staff: StaffMember, input: PasswordChangeInput): Promise<void> {
  const db = await platformDb();
  await changeOwnPassword({
    rateLimitKey: `staff-password:${staff.id}`,
    input,
    rules: accountPasswordSchema,
    currentHash: async () => (await db.select({ passwordHash: staffUsers.passwordHash }).from(staffUsers).where(eq(staffUsers.id, staff.id)))[0]?.passwordHash,
    save: async (passwordHash, passwordChangedAt) => {
      await db.update(staffUsers).set({ passwordHash, passwordChangedAt }).where(eq(staffUsers.id, staff.id));
      await withTenant(staff.tenantId, (tx) =>
        tx.insert(auditLog).values({ tenantId: staff.tenantId, actor: staff.email, action: 'staff.password_changed', details: { staffUserId: staff.id } }),
      );
    },
  });
  log.info({ event: 'staff_password_changed', tenantId: staff.tenantId, staffUserId: staff.id }, 'staff member changed password');
}
