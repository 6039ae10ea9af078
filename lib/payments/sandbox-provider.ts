import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { orders, payments, type Payment } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { handleWebhookRequest } from './handle-webhook-request';
import type { PaymentProvider } from './payment-provider';
import { SANDBOX_SIGNATURE_HEADER, signSandboxWebhook, verifySandboxSignature } from './sandbox-signature';

/** Refunds the sandbox performed, by idempotency key: what a real provider keeps on its side. */
const sandboxRefunds = new Map<string, string>();

/**
 * The built-in provider for development and tests: a hosted page on the shop where the buyer pays or
 * declines, after which the provider delivers a signed webhook, exactly like a remote one would.
 */
export const sandboxProvider: PaymentProvider = {
  name: 'sandbox',
  async startPayment(_tenant, payment) {
    // The hosted page reads the payment's row, so a payment the platform voided is voided here too.
    return { redirectPath: `/pay/sandbox/${payment.id}` };
  },
  async refund(tenant, payment, request) {
    if (payment.provider !== 'sandbox' || payment.tenantId !== tenant.id) {
      throw new AppError('NOT_FOUND', 'The sandbox knows no such payment.');
    }
    if (request.amountCents <= 0 || request.amountCents > payment.amountCents) {
      throw new AppError('VALIDATION_FAILED', 'A refund must be more than zero and at most the amount paid.');
    }
    // Deterministic per key, like a provider that answers a repeated request with the first refund.
    const scopedKey = `${tenant.id}:${request.idempotencyKey}`;
    const refundId = sandboxRefunds.get(scopedKey) ?? `re_sandbox_${createHash('sha256').update(scopedKey).digest('hex').slice(0, 24)}`;
    sandboxRefunds.set(scopedKey, refundId);
    return { providerRefundId: refundId };
  },
  verifyWebhook(rawBody, headers, now) {
    verifySandboxSignature(rawBody, headers.get(SANDBOX_SIGNATURE_HEADER), { now });
  },
};

/** How many distinct refunds the sandbox has performed (for tests of at-most-once refunding). */
export function sandboxRefundCount(): number {
  return sandboxRefunds.size;
}

/** A sandbox payment of this customer's order at this shop, with the order's number; null otherwise. */
export async function findSandboxPayment(tenantId: string, customerId: string, paymentId: string) {
  if (!isUuid(paymentId)) return null;
  const [row] = await withTenant(tenantId, (tx) =>
    tx
      .select({ payment: payments, orderNumber: orders.number })
      .from(payments)
      .innerJoin(orders, eq(orders.id, payments.orderId))
      .where(and(eq(payments.id, paymentId), eq(payments.provider, 'sandbox'), eq(orders.customerId, customerId))),
  );
  return row ?? null;
}

export type SandboxSubmission = { orderNumber: number; outcome: 'succeeded' | 'failed' } | { orderNumber: number; outcome: 'not_payable'; status: Payment['status'] };

/**
 * The buyer's choice on the hosted page. Only a pending payment takes it, read afresh: a payment that was
 * voided (a newer attempt, or the order paid or cancelled in the meantime), declined or already paid
 * answers `not_payable`. Null when the payment is not this customer's at this shop.
 */
export async function submitSandboxPayment(tenantId: string, customerId: string, paymentId: string, outcome: 'succeeded' | 'failed'): Promise<SandboxSubmission | null> {
  const found = await findSandboxPayment(tenantId, customerId, paymentId);
  if (!found) return null;
  if (found.payment.status !== 'pending') return { orderNumber: found.orderNumber, outcome: 'not_payable', status: found.payment.status };
  await completeSandboxPayment(tenantId, found.payment, outcome);
  return { orderNumber: found.orderNumber, outcome };
}

/**
 * The sandbox's answer to the buyer's choice. It is delivered through the platform's own webhook handler
 * with a real signature (the sandbox runs inside the app, so there is no network hop to make).
 */
export async function completeSandboxPayment(tenantId: string, payment: Payment, outcome: 'succeeded' | 'failed'): Promise<void> {
  const body = JSON.stringify({
    id: `evt_${payment.id}_${outcome}`,
    type: `payment.${outcome}`,
    created: Math.floor(Date.now() / 1000),
    tenant_id: tenantId,
    data: { paymentId: payment.id, orderId: payment.orderId, amountCents: payment.amountCents, currency: payment.currency },
  });
  const request = new Request('http://sandbox.internal/api/webhooks/payments/sandbox', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signSandboxWebhook(body) },
  });
  const response = await handleWebhookRequest(request, 'sandbox');
  if (!response.ok) throw new AppError('INTERNAL', 'The payment could not be completed. Please try again.');
}
