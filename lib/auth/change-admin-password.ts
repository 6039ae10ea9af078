import 'server-only';
import { eq } from 'drizzle-orm';
import { platformDb } from '@/db/connection-registry';
import { staffUsers } from '@/db/schema';
import { adminPasswordSchema, findSuperAdmin, type AdminActor } from '@/lib/auth/authorize-admin';
import { changeOwnPassword, type PasswordChangeInput } from '@/lib/auth/password-change';
import { log } from '@/lib/log';
import { writePlatformAudit } from '@/lib/audit/platform-audit';

/**
 * The operator changes their own password, under the console's stricter rules. Every console session
 * signed in before now ends, this one included: the operator signs in again.
 */
export async function changeAdminPassword(admin: AdminActor, input: PasswordChangeInput): Promise<void> {
  await changeOwnPassword({
    rateLimitKey: `admin-password:${admin.id}`,
    input,
    rules: adminPasswordSchema,
    currentHash: async () => (await findSuperAdmin({ id: admin.id }))?.passwordHash,
    save: async (passwordHash, passwordChangedAt) => {
      const db = await platformDb();
      await db.transaction(async (tx) => {
        await tx.update(staffUsers).set({ passwordHash, passwordChangedAt }).where(eq(staffUsers.id, admin.id));
        await writePlatformAudit(tx, admin, 'admin.password_changed', null);
      });
    },
  });
  log.info({ event: 'admin_password_changed', adminId: admin.id }, 'super admin changed password');
}
