import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { tenantMoves } from '@/db/schema';
import type { AdminActor } from '@/lib/auth/current-admin';
import { AppError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { moveTenantToDedicated } from '@/lib/tenancy/move-tenant';
import { platformDb } from '@/db/connection-registry';
import { writePlatformAudit } from '@/lib/audit/platform-audit';

/** A dedicated connection's name: it becomes part of a database name or a directory name. */
export const moveTenantSchema = z.object({
  target: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_]{1,30}$/, 'Use 2–31 lower-case letters, digits or underscores, starting with a letter.'),
});

/**
 * The console's "move to a dedicated database": runs the same resumable move as the command line, and
 * records the outcome (success or failure) in the platform audit log.
 */
export async function moveTenantFromConsole(admin: AdminActor, tenantId: string, input: unknown) {
  const parsed = moveTenantSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'Please check the database name.', { details: { fieldErrors: fieldErrorsOf(parsed.error) } });
  }
  const db = await platformDb();
  try {
    const result = await moveTenantToDedicated(tenantId, parsed.data.target);
    await writePlatformAudit(db, admin, 'tenant.moved_to_dedicated', tenantId, {
      target: parsed.data.target,
      moveId: result.moveId,
      alreadyMoved: result.alreadyMoved,
    });
    return result;
  } catch (error) {
    await writePlatformAudit(db, admin, 'tenant.move_failed', tenantId, {
      target: parsed.data.target,
      error: error instanceof Error ? error.message : String(error),
    });
    if (error instanceof AppError) throw error;
    throw new AppError('CONFLICT', 'The move did not finish; the shop keeps running on the shared database. Run it again to resume.', { cause: error });
  }
}

/** The latest moves of a tenant, newest first. */
export async function listTenantMoves(tenantId: string) {
  const db = await platformDb();
  return db.select().from(tenantMoves).where(eq(tenantMoves.tenantId, tenantId)).orderBy(desc(tenantMoves.startedAt)).limit(5);
}
