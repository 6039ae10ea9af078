import 'server-only';
import { eq } from 'drizzle-orm';
import { auditLog, customers, type Customer, type Tenant } from '@/db/schema';
import { sendTenantEmail } from '@/lib/email/send-tenant-email';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { tenantBaseUrl } from '@/lib/tenancy/tenant-url';
import { withTenant } from '@/lib/tenancy/with-tenant';

/**
 * A person at the shop approves an account: it becomes active for good (a temporary auto-approval is
 * confirmed), the decision is audited, and the customer is told by email.
 */
export async function approveCustomer(tenant: Tenant, customerId: string, actor: string, now = new Date()): Promise<Customer> {
  const customer = await withTenant(tenant.id, async (tx) => {
    const [row] = await tx
      .update(customers)
      .set({ status: 'active', approvalType: 'manual', approvedAt: now, approvalExpiresAt: null, reviewReason: null, updatedAt: now })
      .where(eq(customers.id, customerId))
      .returning();
    if (!row) throw new AppError('NOT_FOUND', 'This customer does not exist in this shop.');
    await tx.insert(auditLog).values({ tenantId: tenant.id, actor, action: 'customer.approved', details: { customerId } });
    return row;
  });
  const shopUrl = tenantBaseUrl(tenant);
  await sendTenantEmail(tenant, {
    template: 'account-approved',
    to: customer.email,
    shopUrl,
    idempotencyKey: `approved:${customer.id}:${now.toISOString()}`,
    props: { customerName: customer.name, approvalExpiresAt: null, signInUrl: `${shopUrl}/account/sign-in` },
  }).catch((error: unknown) => log.error({ err: error, tenantId: tenant.id, customerId }, 'approval email failed'));
  return customer;
}
