import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { payments, refunds, type Refund, type Tenant } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { recordOrderEvent } from '@/lib/orders/order-timeline';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { paymentProviderNamed } from './payment-providers';
import { callPaymentProvider } from './provider-call';

export interface RefundOrderPaymentInput {
  orderId: string;
  /** Shown to the customer and kept on the refund. */
  reason: string;
  /** One key per logical refund, e.g. `refund:fulfilment-failed:<orderId>`. */
  idempotencyKey: string;
  /** The payment to refund; by default the one that paid the order (never an extra capture). */
  paymentId?: string;
  /** The timeline entry a new refund writes: `refunded`, or `extra_payment_refunded` for an extra capture. */
  timelineEvent?: 'refunded' | 'extra_payment_refunded';
}

export type RefundOutcome = { refund: Refund; created: boolean } | { refund: null; created: false };

/**
 * Gives a captured payment back, at most once per idempotency key: a refund already recorded under the
 * key is returned as it is; otherwise the provider is called with the key (so a crash between its answer
 * and our commit, retried, gets the same refund back), then the refund is recorded, the payment marked
 * refunded and the order's timeline told, in one transaction. `refund: null` when nothing was captured.
 *
 * The provider call has a deadline; a timeout, network failure, 429 or 5xx throws the retryable
 * PAYMENT_PROVIDER_UNAVAILABLE (nothing recorded, so a retry with the same key asks again), a refusal the
 * non-retryable PAYMENT_PROVIDER_REJECTED.
 */
export async function refundOrderPayment(tenant: Tenant, input: RefundOrderPaymentInput): Promise<RefundOutcome> {
  const found = await withTenant(tenant.id, async (tx) => {
    const [existing] = await tx.select().from(refunds).where(eq(refunds.idempotencyKey, input.idempotencyKey));
    if (existing) return { existing };
    const [payment] = await tx
      .select()
      .from(payments)
      .where(
        and(
          eq(payments.orderId, input.orderId),
          inArray(payments.status, ['captured', 'refunded']),
          input.paymentId ? eq(payments.id, input.paymentId) : eq(payments.settlesOrder, true),
        ),
      )
      .limit(1);
    return { payment };
  });
  if ('existing' in found && found.existing) return { refund: found.existing, created: false };
  const payment = 'payment' in found ? found.payment : undefined;
  if (!payment) return { refund: null, created: false };
  if (payment.status === 'refunded') {
    throw new AppError('CONFLICT', 'This payment was already refunded under another request.');
  }

  const provider = paymentProviderNamed(payment.provider);
  const { providerRefundId } = await callPaymentProvider(
    { provider: provider.name, operation: 'refund', tenantId: tenant.id, paymentId: payment.id, idempotencyKey: input.idempotencyKey },
    (signal) => provider.refund(tenant, payment, { amountCents: payment.amountCents, reason: input.reason, idempotencyKey: input.idempotencyKey, signal }),
  );
  return withTenant(tenant.id, async (tx) => {
    const [refund] = await tx
      .insert(refunds)
      .values({
        tenantId: tenant.id,
        orderId: input.orderId,
        paymentId: payment.id,
        provider: payment.provider,
        providerRefundId,
        amountCents: payment.amountCents,
        currency: payment.currency,
        reason: input.reason,
        idempotencyKey: input.idempotencyKey,
      })
      .onConflictDoNothing()
      .returning();
    if (!refund) {
      const [winner] = await tx.select().from(refunds).where(eq(refunds.idempotencyKey, input.idempotencyKey));
      return { refund: winner!, created: false };
    }
    await tx
      .update(payments)
      .set({ status: 'refunded', updatedAt: new Date() })
      .where(and(eq(payments.id, payment.id), eq(payments.status, 'captured')));
    await recordOrderEvent(tx, { tenantId: tenant.id, id: input.orderId }, input.timelineEvent ?? 'refunded', {
      paymentId: payment.id,
      amountCents: refund.amountCents,
      reason: input.reason,
    });
    return { refund, created: true };
  });
}

/** The refund recorded under this key, if it went through. */
export async function findRefund(tenantId: string, idempotencyKey: string): Promise<Refund | undefined> {
  const [refund] = await withTenant(tenantId, (tx) => tx.select().from(refunds).where(eq(refunds.idempotencyKey, idempotencyKey)));
  return refund;
}
