import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { customers, loyaltyLedger, type Tenant } from '@/db/schema';

/**
 * A shop's loyalty programme: points earned per whole euro (of the net amount) paid, and what a point
 * takes off at checkout. Either may be 0: no earning, or no redeeming.
 */
export interface LoyaltyRates {
  pointsPerEuro: number;
  pointValueCents: number;
}

/** The platform's defaults (and the columns' defaults): one point per euro, a cent a point. */
const DEFAULT_LOYALTY_RATES: LoyaltyRates = { pointsPerEuro: 1, pointValueCents: 1 };

export const loyaltyRatesOf = (tenant: Pick<Tenant, 'loyaltyPointsPerEuro' | 'loyaltyPointValueCents'>): LoyaltyRates => ({
  pointsPerEuro: tenant.loyaltyPointsPerEuro,
  pointValueCents: tenant.loyaltyPointValueCents,
});

/** Whether the shop runs a loyalty programme at all; with both rates at 0 buyers see nothing of it. */
export const loyaltyEnabled = (rates: LoyaltyRates) => rates.pointsPerEuro > 0 || rates.pointValueCents > 0;

export const pointsEarnedFor = (netCents: number, pointsPerEuro = DEFAULT_LOYALTY_RATES.pointsPerEuro) =>
  Math.floor((Math.max(0, netCents) * pointsPerEuro) / 100);

export async function loyaltyBalance(tx: Transaction, customerId: string): Promise<number> {
  const [row] = await tx
    .select({ points: sql<number>`coalesce(sum(${loyaltyLedger.points}), 0)`.mapWith(Number) })
    .from(loyaltyLedger)
    .where(eq(loyaltyLedger.customerId, customerId));
  return row?.points ?? 0;
}

/**
 * Points for a paid order, once: a replayed payment event finds the entry already there. The rate is the
 * shop's at the moment of payment.
 */
export async function earnPoints(tx: Transaction, tenantId: string, customerId: string, orderId: string, netCents: number, rates: LoyaltyRates): Promise<void> {
  const points = pointsEarnedFor(netCents, rates.pointsPerEuro);
  if (points <= 0) return;
  await tx.insert(loyaltyLedger).values({ tenantId, customerId, orderId, reason: 'earned', points }).onConflictDoNothing();
}

/**
 * The balance with the customer's row locked for the rest of the transaction, so two checkouts at the
 * same moment cannot both spend the same points.
 */
export async function lockedLoyaltyBalance(tx: Transaction, customerId: string): Promise<number> {
  await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.id, customerId)))
    .for('update');
  return loyaltyBalance(tx, customerId);
}
