/**
 * The sandbox's hosted page: finding the buyer's payment and delivering the buyer's choice. Apart from the
 * provider itself (`sandbox-provider.ts`), since the choice goes through the platform's webhook handler,
 * which in turn looks the provider up.
 */
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { orders, payments, type Payment } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { handleWebhookRequest } from './handle-webhook-request';
import { SANDBOX_SIGNATURE_HEADER, signSandboxWebhook } from './sandbox-signature';

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

export type SandboxSubmission =
  | { orderNumber: number; outcome: 'succeeded' | 'failed' }
  | { orderNumber: number; outcome: 'not_payable'; status: Payment['status'] };

/**
 * The buyer's choice on the hosted page. Only a pending payment takes it, read afresh: a payment that was
 * voided (a newer attempt, or the order paid or cancelled in the meantime), declined or already paid
 * answers `not_payable`. Null when the payment is not this customer's at this shop.
 */
export async function submitSandboxPayment(
  tenantId: string,
  customerId: string,
  paymentId: string,
  outcome: 'succeeded' | 'failed',
): Promise<SandboxSubmission | null> {
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
