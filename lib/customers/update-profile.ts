import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Transaction } from '@/db/client';
import { customers } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { singleLineText } from '@/lib/forms/storable-text';
import { withTenant } from '@/lib/tenancy/with-tenant';

export const profileSchema = z.object({
  name: singleLineText().min(2, 'Please enter your full name.').max(100),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[+0-9 ()./-]*$/, 'Phone numbers use digits, spaces and + ( ) . / -')
    .optional()
    .transform((v) => v || null),
});

/** Name and phone only: company and VAT number changes go through the shop, as they affect approval. */
async function updateProfile(tx: Transaction, customerId: string, input: unknown) {
  const parsed = profileSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'Please check the highlighted fields.', { details: { fieldErrors: fieldErrorsOf(parsed.error) } });
  }
  await tx
    .update(customers)
    .set({ ...parsed.data, updatedAt: new Date() })
    .where(eq(customers.id, customerId));
}

/** The account page's command, in the shop's own plane. */
export function updateCustomerProfile(tenantId: string, customerId: string, input: unknown): Promise<void> {
  return withTenant(tenantId, (tx) => updateProfile(tx, customerId, input));
}
