import 'server-only';
import { eq } from 'drizzle-orm';
import { auditLog, customers, type Customer } from '@/db/schema';
import { accountPasswordSchema, changeOwnPassword, type PasswordChangeInput } from '@/lib/auth/password-change';
import { log } from '@/lib/log';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { findCustomerById } from './customer-repository';

/**
 * A signed-in customer changes their password in the account area. Every session of the account signed
 * in before now ends, on every device and this one too: the customer signs in again with the new one.
 */
export async function changeCustomerPassword(tenantId: string, customer: Pick<Customer, 'id' | 'email'>, input: PasswordChangeInput): Promise<void> {
  await changeOwnPassword({
    rateLimitKey: `customer-password:${tenantId}:${customer.id}`,
    input,
    rules: accountPasswordSchema,
    currentHash: async () => (await withTenant(tenantId, (tx) => findCustomerById(tx, customer.id)))?.passwordHash,
    save: (passwordHash, passwordChangedAt) =>
      withTenant(tenantId, async (tx) => {
        await tx.update(customers).set({ passwordHash, passwordChangedAt, updatedAt: passwordChangedAt }).where(eq(customers.id, customer.id));
        await tx.insert(auditLog).values({ tenantId, actor: customer.email, action: 'customer.password_changed', details: { customerId: customer.id } });
      }),
  });
  log.info({ event: 'customer_password_changed', tenantId, customerId: customer.id }, 'customer changed password');
}
