import type { Payment, Tenant } from '@/db/schema';

export interface RefundRequest {
  amountCents: number;
  reason: string;
  /**
   * The same key for every attempt of one logical refund: the provider performs it once and answers a
   * repeated call with the first refund, so a retried workflow step never pays back twice.
   */
  idempotencyKey: string;
  /**
   * Aborted when the platform stops waiting (PAYMENT_PROVIDER_TIMEOUT_MS). A remote provider passes it to
   * its HTTP call; the refund may still have happened, which the idempotency key makes safe to retry.
   */
  signal: AbortSignal;
}

/**
 * What an adapter throws when the provider answered, but not with success. The caller, not the adapter,
 * decides from the status whether the call may be repeated (see `callPaymentProvider`). `providerCode` is
 * the provider's own error code (e.g. `charge_already_refunded`), never its message, which may echo input.
 */
export class PaymentProviderResponseError extends Error {
  constructor(
    readonly statusCode: number,
    readonly providerCode: string | null = null,
  ) {
    super(`The payment provider answered HTTP ${statusCode}${providerCode ? ` (${providerCode})` : ''}.`);
    this.name = 'PaymentProviderResponseError';
  }
}

/**
 * What the platform needs of any card payment provider. The platform keeps the payment's record: it
 * writes the pending row (voiding the order's older attempts in the same transaction, see
 * `startOrderPayment`) and moves it on from the provider's webhooks. A payment the platform voided must
 * take no more money: the sandbox's hosted page refuses it, a remote adapter cancels it at the provider.
 * A capture that arrives for it all the same is refunded by the workflow.
 */
export interface PaymentProvider {
  readonly name: string;
  /** Opens the provider's side of a recorded pending payment; the buyer continues at `redirectPath` on the shop's host. */
  startPayment(tenant: Tenant, payment: Payment): Promise<{ redirectPath: string }>;
  /** Gives (part of) a captured payment back. */
  refund(tenant: Tenant, payment: Payment, request: RefundRequest): Promise<{ providerRefundId: string }>;
  /** Throws WEBHOOK_SIGNATURE_INVALID unless the delivery is the provider's own, unaltered and recent. */
  verifyWebhook(rawBody: string, headers: Headers, now: Date): void | Promise<void>;
}
