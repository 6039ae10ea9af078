import { NonRetriableError } from 'inngest';
import { isAppError } from '@/lib/errors';
import { tenantForJob } from '@/lib/orders/workflow-order';
import { refundOrderPayment, type RefundOrderPaymentInput } from '@/lib/payments/refund-payment';

/** What a refund step returns: the recorded refund, small enough to memoize, or null when nothing was captured. */
export type RefundStepResult = { id: string; amountCents: number; currency: string; reason: string } | null;

/**
 * The body of a `refund-payment` step. A provider that timed out or answered 5xx throws on, so the engine
 * retries the step with the same idempotency key; a refusal no retry can change (the provider's 4xx, a
 * payment already refunded under another key) stops the retries at once.
 */
export async function refundInStep(tenantId: string, input: RefundOrderPaymentInput): Promise<RefundStepResult> {
  try {
    const outcome = await refundOrderPayment(await tenantForJob(tenantId), input);
    return (
      outcome.refund && { id: outcome.refund.id, amountCents: outcome.refund.amountCents, currency: outcome.refund.currency, reason: outcome.refund.reason }
    );
  } catch (error) {
    if (isAppError(error, 'PAYMENT_PROVIDER_REJECTED') || isAppError(error, 'CONFLICT')) throw new NonRetriableError(error.message, { cause: error });
    throw error;
  }
}

/** The message of a step that gave up, as the shop may read it on the order's timeline. */
export function failureMessage(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'The refund could not be made.';
}
