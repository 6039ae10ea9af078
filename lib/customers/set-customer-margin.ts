import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { auditLog, customers, type Customer, type Tenant } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { withTenant } from '@/lib/tenancy/with-tenant';

/** −50 % … +100 %: a deeper discount or a steeper surcharge is almost surely a typo. */
export const MIN_MARGIN_BP = -5000;
export const MAX_MARGIN_BP = 10_000;

/**
 * The form takes a percentage as people write it ("-7.5", "−7,5 %", "+10"); it is stored in basis points,
 * so more than two decimals cannot be kept and is refused rather than silently rounded.
 */
export const customerMarginSchema = z.object({
  customerId: z.uuid({ error: 'This customer does not exist in this shop.' }),
  marginPercent: z
    .string({ error: 'Enter a percentage.' })
    .trim()
    .transform((text) => text.replace(/\s|%/g, '').replace(/[−–]/g, '-').replace(',', '.'))
    .pipe(
      z
        .string()
        .regex(/^[+-]?\d{1,3}(\.\d{1,2})?$/, 'Enter a percentage such as -7.5 or 10, with at most two decimals.')
        .transform((text) => Math.round(Number(text) * 100)),
    )
    .pipe(z.number().int().min(MIN_MARGIN_BP, 'A discount can be at most 50 %.').max(MAX_MARGIN_BP, 'A margin can be at most 100 %.')),
});
export type CustomerMarginInput = z.input<typeof customerMarginSchema>;

/** Sets the customer's personal margin (negative: discount) on every price they see from now on. */
export async function setCustomerMargin(tenant: Tenant, raw: CustomerMarginInput, actor: string, now = new Date()): Promise<Customer> {
  const parsed = customerMarginSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    if (fieldErrors.customerId) throw new AppError('NOT_FOUND', fieldErrors.customerId);
    throw new AppError('VALIDATION_FAILED', 'Please check the margin.', { details: { fieldErrors } });
  }
  const { customerId, marginPercent: marginBp } = parsed.data;
  return withTenant(tenant.id, async (tx) => {
    const [before] = await tx.select({ marginBp: customers.marginBp }).from(customers).where(eq(customers.id, customerId)).for('update');
    if (!before) throw new AppError('NOT_FOUND', 'This customer does not exist in this shop.');
    const [row] = await tx.update(customers).set({ marginBp, updatedAt: now }).where(eq(customers.id, customerId)).returning();
    await tx.insert(auditLog).values({
      tenantId: tenant.id,
      actor,
      action: 'customer.margin_set',
      details: { customerId, fromBp: before.marginBp, toBp: marginBp },
    });
    return row!;
  });
}

/** "−7.5 %", "+10 %", "0 %" – the sign spelled out, as the shop owner reads a surcharge or a discount. */
export function formatMarginBp(marginBp: number): string {
  const percent = (Math.abs(marginBp) / 100).toLocaleString('en-GB', { maximumFractionDigits: 2 });
  if (marginBp === 0) return '0 %';
  return `${marginBp < 0 ? '−' : '+'}${percent} %`;
}
