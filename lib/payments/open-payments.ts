import 'server-only';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { payments, type Payment } from '@/db/schema';

/**
 * Voids the order's attempts that have taken no money (pending, or declined and still retryable at the
 * provider), except `keep`, in the caller's transaction: their hosted pages no longer take a payment.
 * Called when a newer attempt starts and when the order is paid or cancelled. A provider that captures a
 * voided payment all the same is answered with a refund (see `applyPaymentEvent`).
 */
export function voidOpenPayments(tx: Transaction, orderId: string, keep?: string): Promise<Payment[]> {
  return tx
    .update(payments)
    .set({ status: 'voided', updatedAt: new Date() })
    .where(and(eq(payments.orderId, orderId), inArray(payments.status, ['pending', 'failed']), keep ? ne(payments.id, keep) : undefined))
    .returning();
}
