import type { Customer, Tenant } from '@/db/schema';
import { RESET_TOKEN_MINUTES, type ResetRequest } from '@/lib/auth/password-reset';
import { sendTenantEmail, type SendResult } from '@/lib/email/send-tenant-email';
import { tenantBaseUrl } from '@/lib/tenancy/tenant-url';
import type { RegistrationDecision } from './decide-registration';

/** The email that matches how registration ended: received (pending), approved (auto) or active (open). */
export function sendRegistrationEmail(tenant: Tenant, customer: Customer, decision: RegistrationDecision): Promise<SendResult> {
  const shopUrl = tenantBaseUrl(tenant);
  const signInUrl = `${shopUrl}/account/sign-in`;
  const base = { to: customer.email, shopUrl, idempotencyKey: `registration:${customer.id}` };
  if (decision.status === 'pending_approval') {
    return sendTenantEmail(tenant, { ...base, template: 'registration-received', props: { customerName: customer.name, reviewReason: decision.reviewReason } });
  }
  if (decision.approvalType === 'auto') {
    return sendTenantEmail(tenant, {
      ...base,
      template: 'account-approved',
      props: { customerName: customer.name, approvalExpiresAt: decision.approvalExpiresAt, signInUrl },
    });
  }
  return sendTenantEmail(tenant, { ...base, template: 'account-active', props: { customerName: customer.name, signInUrl } });
}

export function sendPasswordResetEmail(tenant: Tenant, reset: ResetRequest): Promise<SendResult> {
  return sendTenantEmail(tenant, {
    template: 'password-reset',
    to: reset.customer.email,
    shopUrl: tenantBaseUrl(tenant),
    idempotencyKey: `password-reset:${reset.tokenId}`,
    props: { customerName: reset.customer.name, resetUrl: reset.resetUrl, expiresInMinutes: RESET_TOKEN_MINUTES },
  });
}
