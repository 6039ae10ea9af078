import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { auditLog, tenants, type Tenant } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { forgetTenant } from '@/lib/tenancy/tenant-directory';

const rate = (what: string) =>
  z
    .string({ error: `Enter ${what}.` })
    .trim()
    .regex(/^\d{1,3}$/, `Enter ${what} as a whole number from 0 to 100.`)
    .transform(Number)
    .pipe(z.number().max(100, `Enter ${what} as a whole number from 0 to 100.`));

/** Whole numbers 0–100, as the database allows; 0 switches earning (or redeeming) off. */
export const loyaltyRatesSchema = z.object({
  pointsPerEuro: rate('the points per euro'),
  pointValueCents: rate('the value of a point in cents'),
});
export type LoyaltyRatesInput = z.input<typeof loyaltyRatesSchema>;

/**
 * Sets the shop's loyalty rates (owner only). They are platform settings on the tenant row, so the
 * tenant triggers tell every instance; this one forgets its copy at once. Points already earned keep
 * their number; a new point value applies to every point spent from now on.
 */
export async function setLoyaltyRates(
  db: Database,
  tenant: Tenant,
  actor: { email: string; role: 'owner' | 'manager' },
  raw: LoyaltyRatesInput,
): Promise<Tenant> {
  if (actor.role !== 'owner') throw new AppError('FORBIDDEN', 'Only the shop owner can change the loyalty rates.');
  const parsed = loyaltyRatesSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'Please check the loyalty rates.', { details: { fieldErrors: fieldErrorsOf(parsed.error) } });
  }
  const { pointsPerEuro, pointValueCents } = parsed.data;
  const [row] = await db
    .update(tenants)
    .set({ loyaltyPointsPerEuro: pointsPerEuro, loyaltyPointValueCents: pointValueCents, updatedAt: new Date() })
    .where(eq(tenants.id, tenant.id))
    .returning();
  if (!row) throw new AppError('TENANT_NOT_FOUND', 'This shop does not exist.');
  forgetTenant(tenant.id);
  await withTenant(tenant.id, (tx) =>
    tx.insert(auditLog).values({
      tenantId: tenant.id,
      actor: actor.email,
      action: 'loyalty.rates_set',
      details: { from: { pointsPerEuro: tenant.loyaltyPointsPerEuro, pointValueCents: tenant.loyaltyPointValueCents }, to: parsed.data },
    }),
  );
  return row;
}
