import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { platformDb } from '@/db/connection-registry';
import { tenants, type Tenant } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { forgetTenant } from '@/lib/tenancy/tenant-directory';
import { timeZoneField } from '@/lib/time/time-zone';
import { auditTenantChange } from '@/lib/branding/update-branding';

const shopTimeZoneSchema = z.object({
  timeZone: z
    .unknown()
    .transform((v) => (typeof v === 'string' ? v : ''))
    .pipe(timeZoneField),
});

/**
 * The shop's time zone, which every time its owner, its buyers and its emails read is shown in, and its
 * calendar days (sales per day, order filters) are counted in. Only an IANA zone the runtime knows.
 */
export async function updateShopTimeZone(tenantId: string, raw: unknown, actor: string): Promise<Tenant> {
  const parsed = shopTimeZoneSchema.safeParse(raw);
  if (!parsed.success) {
    const message = 'Choose a time zone such as Europe/Brussels.';
    throw new AppError('VALIDATION_FAILED', message, { details: { fieldErrors: { timeZone: message } } });
  }
  const db = await platformDb();
  const [before] = await db.select({ timeZone: tenants.timeZone }).from(tenants).where(eq(tenants.id, tenantId));
  const [row] = await db.update(tenants).set({ timeZone: parsed.data.timeZone, updatedAt: new Date() }).where(eq(tenants.id, tenantId)).returning();
  if (!row || !before) throw new AppError('TENANT_NOT_FOUND', 'This shop does not exist.');
  forgetTenant(tenantId);
  await auditTenantChange(tenantId, actor, 'tenant.time_zone_changed', { from: before.timeZone, to: row.timeZone });
  return row;
}
