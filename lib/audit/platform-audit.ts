import 'server-only';
import { count, desc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { platformAuditLog, tenants } from '@/db/schema';
import type { AdminActor } from '@/lib/auth/authorize-admin';
import { platformDb } from '@/db/connection-registry';

const AUDIT_PAGE_SIZE = 50;

/** One line in the platform's audit log: who (by email), what, which tenant, the particulars. */
export async function writePlatformAudit(
  db: Executor,
  actor: AdminActor,
  action: string,
  tenantId: string | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  await db.insert(platformAuditLog).values({ actor: actor.email, action, tenantId, details });
}

/** Newest first, optionally for one tenant; page is 1-based. */
export async function listPlatformAudit(options: { tenantId?: string; page?: number } = {}) {
  const db = await platformDb();
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const where = options.tenantId ? eq(platformAuditLog.tenantId, options.tenantId) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: platformAuditLog.id,
        actor: platformAuditLog.actor,
        action: platformAuditLog.action,
        tenantId: platformAuditLog.tenantId,
        tenantName: tenants.name,
        details: platformAuditLog.details,
        createdAt: platformAuditLog.createdAt,
      })
      .from(platformAuditLog)
      .leftJoin(tenants, eq(tenants.id, platformAuditLog.tenantId))
      .where(where)
      .orderBy(desc(platformAuditLog.createdAt), desc(platformAuditLog.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((page - 1) * AUDIT_PAGE_SIZE),
    db.select({ n: count() }).from(platformAuditLog).where(where),
  ]);
  const n = total?.n ?? 0;
  return { rows, total: n, page, pages: Math.max(1, Math.ceil(n / AUDIT_PAGE_SIZE)) };
}
