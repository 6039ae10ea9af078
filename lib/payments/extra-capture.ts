import 'server-only';
import { eq } from 'drizzle-orm';
import { orders, payments, type Order } from '@/db/schema';
import { withTenant } from '@/lib/tenancy/with-tenant';

/** Why a capture did not pay its order, as kept on the timeline. */
export type ExtraCaptureReason = 'already_paid' | 'order_cancelled' | 'replaced';

export function extraCaptureReason(orderStatus: Order['status']): ExtraCaptureReason {
  if (orderStatus === 'cancelled') return 'order_cancelled';
  return orderStatus === 'awaiting_payment' ? 'replaced' : 'already_paid';
}

/** What the buyer reads on the refund (and in its email). */
export const extraRefundReason: Record<ExtraCaptureReason, string> = {
  order_cancelled: 'Your payment arrived after the order had been cancelled.',
  already_paid: 'This order was already paid with another payment, so this one is given back.',
  replaced: 'A newer payment replaced this one for the order, so this one is given back.',
};

/**
 * The payment, if it is card money the order does not keep: captured (or already refunded, for a step
 * that runs again) and not the payment that paid the order. Null for the order's own payment, so the
 * refund function never gives back what pays for the goods.
 */
export async function findExtraCapture(tenantId: string, paymentId: string): Promise<{ orderId: string; reason: ExtraCaptureReason } | null> {
  const [row] = await withTenant(tenantId, (tx) =>
    tx
      .select({
        orderId: payments.orderId,
        status: payments.status,
        settlesOrder: payments.settlesOrder,
        provider: payments.provider,
        orderStatus: orders.status,
      })
      .from(payments)
      .innerJoin(orders, eq(orders.id, payments.orderId))
      .where(eq(payments.id, paymentId)),
  );
  if (!row || row.settlesOrder || row.provider === 'invoice' || !['captured', 'refunded'].includes(row.status)) return null;
  return { orderId: row.orderId, reason: extraCaptureReason(row.orderStatus) };
}
