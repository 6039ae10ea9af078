import type { Order, Payment, Tenant } from '@/db/schema';

export interface RefundRequest {
  amountCents: number;
  reason: string;
  /**
   * The same key for every attempt of one logical refund: the provider performs it once and answers a
   * repeated call with the first refund, so a retried workflow step never pays back twice.
   */
  idempotencyKey: string;
}

/** What the platform needs of any card payment provider. */
export interface PaymentProvider {
  readonly name: string;
  /** Starts a payment for the order; the buyer continues at `redirectPath` on the shop's host. */
  createPayment(tenant: Tenant, order: Order): Promise<{ paymentId: string; redirectPath: string }>;
  /** Gives (part of) a captured payment back. */
  refund(tenant: Tenant, payment: Payment, request: RefundRequest): Promise<{ providerRefundId: string }>;
  /** Throws WEBHOOK_SIGNATURE_INVALID unless the delivery is the provider's own, unaltered and recent. */
  verifyWebhook(rawBody: string, headers: Headers, now: Date): void | Promise<void>;
}
