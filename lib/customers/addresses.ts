import 'server-only';
import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Transaction } from '@/db/client';
import { customerAddresses, type CustomerAddress } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { singleLineText } from '@/lib/forms/storable-text';
import { euCountryCodes } from '@/lib/registration/eu-countries';
import { withTenant } from '@/lib/tenancy/with-tenant';

const MAX_ADDRESSES = 20;

/** Free text of an address, as PostgreSQL can store it. */
const text = () => singleLineText();

export const addressSchema = z.object({
  label: text()
    .max(60)
    .optional()
    .transform((v) => v || undefined),
  recipient: text().min(2, 'Who should receive deliveries here?').max(120),
  line1: text().min(3, 'Please enter the street and number.').max(200),
  line2: text()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
  postalCode: z
    .string()
    .trim()
    .min(2, 'Please enter the postal code.')
    .max(12)
    .regex(/^[A-Za-z0-9 -]+$/, 'Postal codes use letters, digits, spaces and dashes.'),
  city: text().min(2, 'Please enter the city.').max(100),
  countryCode: z.enum(euCountryCodes as [string, ...string[]], { error: 'Please choose the country.' }),
  isDefault: z.preprocess((v) => v === 'on' || v === true || v === 'true', z.boolean()),
});

export function listAddresses(tx: Transaction, customerId: string): Promise<CustomerAddress[]> {
  return tx
    .select()
    .from(customerAddresses)
    .where(eq(customerAddresses.customerId, customerId))
    .orderBy(desc(customerAddresses.isDefault), asc(customerAddresses.createdAt));
}

export async function addAddress(tx: Transaction, tenantId: string, customerId: string, input: unknown): Promise<CustomerAddress> {
  const parsed = addressSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'Please check the address.', { details: { fieldErrors: fieldErrorsOf(parsed.error) } });
  }
  const existing = await listAddresses(tx, customerId);
  if (existing.length >= MAX_ADDRESSES) throw new AppError('VALIDATION_FAILED', `You can keep up to ${MAX_ADDRESSES} addresses.`);
  // The first address is the default; a new default replaces the old one.
  const isDefault = parsed.data.isDefault || existing.length === 0;
  if (isDefault) await tx.update(customerAddresses).set({ isDefault: false }).where(eq(customerAddresses.customerId, customerId));
  const [row] = await tx
    .insert(customerAddresses)
    .values({ ...parsed.data, isDefault, tenantId, customerId })
    .returning();
  if (!row) throw new Error('address insert returned no row');
  return row;
}

async function deleteAddress(tx: Transaction, customerId: string, addressId: string): Promise<boolean> {
  const deleted = await tx
    .delete(customerAddresses)
    .where(and(eq(customerAddresses.id, addressId), eq(customerAddresses.customerId, customerId)))
    .returning({ id: customerAddresses.id });
  return deleted.length > 0;
}

/** The account page's command: an address for the signed-in customer, in the shop's own plane. */
export function addCustomerAddress(tenantId: string, customerId: string, input: unknown): Promise<CustomerAddress> {
  return withTenant(tenantId, (tx) => addAddress(tx, tenantId, customerId, input));
}

/** The account page's command; an id that is not one of this customer's addresses removes nothing. */
export function removeCustomerAddress(tenantId: string, customerId: string, addressId: string): Promise<boolean> {
  return withTenant(tenantId, (tx) => deleteAddress(tx, customerId, addressId));
}
