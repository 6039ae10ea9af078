import { createHash } from 'node:crypto';
import { AppError } from '@/lib/errors';
import type { PaymentProvider } from './payment-provider';
import { SANDBOX_SIGNATURE_HEADER, verifySandboxSignature } from './sandbox-signature';

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
