import { and, eq, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { customers, loyaltyLedger } from '@/db/schema';

/** One point per whole euro (of the net amount) paid; a point is worth one cent at checkout. */
export const POINT_VALUE_CENTS = 1;
export const pointsEarnedFor = (netCents: number) => Math.floor(netCents / 100);

export async function loyaltyBalance(tx: Transaction, customerId: string): Promise<number> {
  const [row] = await tx
    .select({ points: sql<number>`coalesce(sum(${loyaltyLedger.points}), 0)`.mapWith(Number) })
    .from(loyaltyLedger)
    .where(eq(loyaltyLedger.customerId, customerId));
  return row?.points ?? 0;
}

/** Points for a paid order, once: a replayed payment event finds the entry already there. */
export async function earnPoints(tx: Transaction, tenantId: string, customerId: string, orderId: string, netCents: number): Promise<void> {
  const points = pointsEarnedFor(netCents);
  if (points <= 0) return;
  await tx.insert(loyaltyLedger).values({ tenantId, customerId, orderId, reason: 'earned', points }).onConflictDoNothing();
}

/**
 * The balance with the customer's row locked for the rest of the transaction, so two checkouts at the
 * same moment cannot both spend the same points.
 */
export async function lockedLoyaltyBalance(tx: Transaction, customerId: string): Promise<number> {
  await tx.select({ id: customers.id }).from(customers).where(and(eq(customers.id, customerId))).for('update');
  return loyaltyBalance(tx, customerId);
}
