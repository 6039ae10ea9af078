import { eq } from 'drizzle-orm';
import { platformDb } from '@/db/connection-registry';
import { staffUsers } from '@/db/schema';
import { adminPasswordSchema, findSuperAdmin, type AdminActor } from '@/lib/auth/authorize-admin';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { consumeRateLimit, resetRateLimit } from '@/lib/rate-limit';
import { writePlatformAudit } from './platform-audit';

const CHECK_LIMIT = { hits: 5, windowSeconds: 15 * 60 };

const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, { details: { fieldErrors: { [field]: message } } });

/**
 * The operator changes their own password: the current one first (rate limited like a sign-in, so a
 * walked-away session cannot be used to guess it), then the new one under the console's stricter rules.
 */
export async function changeAdminPassword(
  admin: AdminActor,
  input: { currentPassword?: string; newPassword?: string; confirmPassword?: string },
): Promise<void> {
  const key = `admin-password:${admin.id}`;
  const attempt = await consumeRateLimit(key, CHECK_LIMIT.hits, CHECK_LIMIT.windowSeconds);
  if (!attempt.allowed) throw new AppError('FORBIDDEN', 'Too many attempts. Wait 15 minutes and try again.');
  const account = await findSuperAdmin({ id: admin.id });
  if (!account || !(await verifyPassword(account.passwordHash, input.currentPassword ?? ''))) {
    throw invalid('currentPassword', 'That is not your current password.');
  }
  const next = adminPasswordSchema.safeParse(input.newPassword ?? '');
  if (!next.success) throw invalid('newPassword', next.error.issues[0]!.message);
  if (next.data !== (input.confirmPassword ?? '')) throw invalid('confirmPassword', 'The two new passwords differ.');
  if (await verifyPassword(account.passwordHash, next.data)) throw invalid('newPassword', 'Choose a password you have not been using.');
  const db = await platformDb();
  const passwordHash = await hashPassword(next.data);
  await db.transaction(async (tx) => {
    // Every console session signed in before now ends, this one included: the operator signs in again.
    await tx.update(staffUsers).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(staffUsers.id, admin.id));
    await writePlatformAudit(tx, admin, 'admin.password_changed', null);
  });
  await resetRateLimit(key);
  log.info({ event: 'admin_password_changed', adminId: admin.id }, 'super admin changed password');
}
