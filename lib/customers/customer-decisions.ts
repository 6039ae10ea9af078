import 'server-only';
import { and, eq } from 'drizzle-orm';
import { auditLog, customers, type Customer, type Tenant } from '@/db/schema';
import { approveCustomer } from '@/lib/customers/review-customer';
import { findCustomerById } from '@/lib/customers/customer-repository';
import { sendTenantEmail } from '@/lib/email/send-tenant-email';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { log } from '@/lib/log';
import { withTenant } from '@/lib/tenancy/with-tenant';

// Every decision runs inside the host shop's own plane: a customer id of another shop is simply not
// there, so it ends in NOT_FOUND and changes nothing, whatever the form said.

export type CustomerDecision = 'approve' | 'reject' | 'revoke';

/** Which decisions fit an account as it stands; the page offers these and the server enforces them. */
export function allowedDecisions(status: Customer['status'], approvalType: Customer['approvalType']): CustomerDecision[] {
  switch (status) {
    case 'pending_approval':
      return ['approve', 'reject'];
    // A temporary auto-approval can still be confirmed for good.
    case 'active':
      return approvalType === 'auto' ? ['approve', 'revoke'] : ['revoke'];
    case 'rejected':
      return ['approve'];
  }
}

function notFound(): AppError {
  return new AppError('NOT_FOUND', 'This customer does not exist in this shop.');
}

/** Moves a customer from one status to `rejected`, guarded on the status, with its audit row. */
async function closeAccount(
  tenant: Tenant,
  customerId: string,
  actor: string,
  now: Date,
  change: { from: Customer['status']; action: string; reviewReason?: string },
): Promise<Customer> {
  if (!isUuid(customerId)) throw notFound();
  return withTenant(tenant.id, async (tx) => {
    const reason = change.reviewReason === undefined ? {} : { reviewReason: change.reviewReason };
    const [row] = await tx
      .update(customers)
      .set({ status: 'rejected', approvalExpiresAt: null, updatedAt: now, ...reason })
      .where(and(eq(customers.id, customerId), eq(customers.status, change.from)))
      .returning();
    if (!row) {
      if (!(await findCustomerById(tx, customerId))) throw notFound();
      throw new AppError('CONFLICT', 'This account has changed in the meantime. Reload the page and try again.');
    }
    await tx.insert(auditLog).values({ tenantId: tenant.id, actor, action: change.action, details: { customerId, from: change.from } });
    return row;
  });
}

/**
 * The decision stands once committed; the email follows it. A failed send is logged rather than undoing
 * the decision, and the key is unique per decision, so a later decision on the same account sends again.
 */
async function notify(tenant: Tenant, customer: Customer, template: 'account-rejected' | 'account-revoked', now: Date): Promise<void> {
  const kind = template === 'account-rejected' ? 'rejected' : 'revoked';
  await sendTenantEmail(tenant, {
    template,
    to: customer.email,
    idempotencyKey: `${kind}:${customer.id}:${now.toISOString()}`,
    props: { customerName: customer.name },
  }).catch((error: unknown) => log.error({ err: error, tenantId: tenant.id, customerId: customer.id }, `${kind} email failed`));
}

/** Approves for good (also confirms a temporary auto-approval or reinstates a refused account). */
export async function approveCustomerAccount(tenant: Tenant, customerId: string, actor: string, now = new Date()): Promise<Customer> {
  if (!isUuid(customerId)) throw notFound();
  const current = await withTenant(tenant.id, (tx) => findCustomerById(tx, customerId));
  if (!current) throw notFound();
  // Approving an account that is already approved for good would only send the customer a second email.
  if (!allowedDecisions(current.status, current.approvalType).includes('approve')) {
    throw new AppError('CONFLICT', 'This account is already approved.');
  }
  return approveCustomer(tenant, customerId, actor, now);
}

/** A pending registration is refused; the customer is told by email. */
export async function rejectCustomerAccount(tenant: Tenant, customerId: string, actor: string, now = new Date()): Promise<Customer> {
  const customer = await closeAccount(tenant, customerId, actor, now, { from: 'pending_approval', action: 'customer.rejected' });
  await notify(tenant, customer, 'account-rejected', now);
  return customer;
}

/** An active account loses its approval and can no longer order; the customer is told by email. */
export async function revokeCustomerAccount(tenant: Tenant, customerId: string, actor: string, now = new Date()): Promise<Customer> {
  const customer = await closeAccount(tenant, customerId, actor, now, { from: 'active', action: 'customer.revoked', reviewReason: 'revoked' });
  await notify(tenant, customer, 'account-revoked', now);
  return customer;
}
