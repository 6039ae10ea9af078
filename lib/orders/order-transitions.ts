import 'server-only';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { couponRedemptions, loyaltyLedger, orderEvents, orders, shipments, type Order } from '@/db/schema';
import type { ShipmentConfirmation } from '@/lib/fulfilment/fulfilment-provider';
import { voidOpenPayments } from '@/lib/payments/open-payments';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { ORDER_TRANSITIONS, type OrderStatus, type OrderTransition } from './order-status';
import { recordOrderEvent } from './order-timeline';

/**
 * Guarded state changes of an order, one transaction each. Every change names the states it may leave
 * and writes its timeline entry only when it actually happened, so a workflow step that runs twice (the
 * engine retries at least once) changes nothing the second time.
 */
type Status = OrderStatus;

/** Makes the named change of `ORDER_TRANSITIONS` if the order is in one of the states it may leave. */
export async function transition(tx: Transaction, orderId: string, name: OrderTransition, also?: SQL): Promise<Order | undefined> {
  const { from, to } = ORDER_TRANSITIONS[name];
  const [order] = await tx
    .update(orders)
    .set({ status: to, updatedAt: new Date() })
    .where(and(eq(orders.id, orderId), inArray(orders.status, [...from]), also))
    .returning();
  return order;
}

const timeline = recordOrderEvent;

/**
 * Gives back what checkout took for the order: the coupon use (it counts again) and the points spent.
 * A payment page still open for it takes no money any more (a capture that slips through is refunded).
 */
async function releaseReservations(tx: Transaction, order: Order): Promise<void> {
  await voidOpenPayments(tx, order.id);
  await tx.delete(couponRedemptions).where(eq(couponRedemptions.orderId, order.id));
  if (order.loyaltyPointsRedeemed > 0) {
    await tx
      .insert(loyaltyLedger)
      .values({ tenantId: order.tenantId, customerId: order.customerId, orderId: order.id, reason: 'returned', points: order.loyaltyPointsRedeemed })
      .onConflictDoNothing();
  }
}

export type CancelOutcome = { cancelled: true; order: Order } | { cancelled: false; status: Status | null };

/**
 * Cancels an order whose payment never came, only if it is still awaiting payment: a payment that
 * arrived a moment earlier wins, and the caller carries on with fulfilment instead.
 */
export function cancelUnpaidOrder(tenantId: string, orderId: string, timeoutMinutes: number): Promise<CancelOutcome> {
  return withTenant(tenantId, async (tx) => {
    const order = await transition(tx, orderId, 'cancelUnpaid');
    if (!order) {
      const [current] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
      return { cancelled: false, status: current?.status ?? null };
    }
    await releaseReservations(tx, order);
    await timeline(tx, order, 'cancelled', { reason: 'payment_timeout', timeoutMinutes });
    return { cancelled: true, order };
  });
}

/**
 * Hands the order to the warehouse: a paid order, or an invoice order (shipped first, paid later). True
 * when the order is being fulfilled now, also when an earlier attempt of the step already moved it.
 */
export function startFulfilment(tenantId: string, orderId: string): Promise<boolean> {
  return withTenant(tenantId, async (tx) => {
    const moved =
      (await transition(tx, orderId, 'startFulfilment')) ?? (await transition(tx, orderId, 'startInvoiceFulfilment', eq(orders.paymentMethod, 'invoice')));
    if (moved) {
      await timeline(tx, moved, 'fulfilment_requested');
      return true;
    }
    const [current] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
    return current?.status === 'fulfilling';
  });
}

/**
 * Records the parcel and marks the order shipped; a repeat finds the shipment already there. True when
 * the order is shipped (now or by an earlier run of the step); false when it was refunded or cancelled
 * while the warehouse worked, so the buyer is not told it shipped; the timeline says what happened.
 */
export function recordShipment(tenantId: string, orderId: string, warehouse: string, parcel: ShipmentConfirmation): Promise<boolean> {
  return withTenant(tenantId, async (tx) => {
    const [inserted] = await tx
      .insert(shipments)
      .values({ tenantId, orderId, warehouse, ...parcel })
      .onConflictDoNothing()
      .returning({ id: shipments.id });
    const order = await transition(tx, orderId, 'ship');
    if (order) {
      await timeline(tx, order, 'shipped', { carrier: parcel.carrier, trackingNumber: parcel.trackingNumber });
      return true;
    }
    const [current] = await tx.select().from(orders).where(eq(orders.id, orderId));
    if (current?.status === 'fulfilled') return true;
    if (current && inserted)
      await timeline(tx, current, 'shipped_after_refund', { carrier: parcel.carrier, trackingNumber: parcel.trackingNumber, status: current.status });
    return false;
  });
}

/** After the warehouse gave up on a paid order and the payment went back: refunded, points reversed. */
export function markOrderRefunded(tenantId: string, orderId: string): Promise<Order | undefined> {
  return withTenant(tenantId, async (tx) => {
    const order = await transition(tx, orderId, 'refundUnfulfillable');
    if (!order) return undefined;
    await releaseReservations(tx, order);
    const [earned] = await tx
      .select({ points: loyaltyLedger.points })
      .from(loyaltyLedger)
      .where(and(eq(loyaltyLedger.orderId, orderId), eq(loyaltyLedger.reason, 'earned')));
    if (earned) {
      await tx
        .insert(loyaltyLedger)
        .values({ tenantId, customerId: order.customerId, orderId, reason: 'reversed', points: -earned.points })
        .onConflictDoNothing();
    }
    return order;
  });
}

/** An invoice order the warehouse will never ship: nothing was paid, so it is simply cancelled. */
export function cancelUnfulfillableOrder(tenantId: string, orderId: string, reason: string): Promise<Order | undefined> {
  return withTenant(tenantId, async (tx) => {
    const order = await transition(tx, orderId, 'cancelUnfulfillable', eq(orders.paymentMethod, 'invoice'));
    if (!order) return undefined;
    await releaseReservations(tx, order);
    await timeline(tx, order, 'cancelled', { reason: 'fulfilment_failed', detail: reason });
    return order;
  });
}

/**
 * The shop cancels an order before its payment arrived, inside the caller's transaction (which also
 * writes the audit row and the outbox event). Only from `awaiting_payment`: undefined when the order has
 * moved on, so a payment that won the race is never cancelled behind its back.
 */
export async function cancelAwaitingPaymentOrder(tx: Transaction, orderId: string, cancelledBy: string): Promise<Order | undefined> {
  const order = await transition(tx, orderId, 'cancelByShop');
  if (!order) return undefined;
  await releaseReservations(tx, order);
  await timeline(tx, order, 'cancelled', { reason: 'cancelled_by_shop', by: cancelledBy });
  return order;
}

/**
 * After a refund the shop asked for: like `markOrderRefunded`, but a shipped order (`fulfilled`) may be
 * refunded too, since the shop decides that, not the warehouse.
 */
export function markOrderRefundedByShop(tenantId: string, orderId: string): Promise<Order | undefined> {
  return withTenant(tenantId, async (tx) => {
    const order = await transition(tx, orderId, 'refundByShop');
    if (!order) return undefined;
    await releaseReservations(tx, order);
    await reverseEarnedPoints(tx, order);
    return order;
  });
}

async function reverseEarnedPoints(tx: Transaction, order: Order): Promise<void> {
  const [earned] = await tx
    .select({ points: loyaltyLedger.points })
    .from(loyaltyLedger)
    .where(and(eq(loyaltyLedger.orderId, order.id), eq(loyaltyLedger.reason, 'earned')));
  if (!earned) return;
  await tx
    .insert(loyaltyLedger)
    .values({ tenantId: order.tenantId, customerId: order.customerId, orderId: order.id, reason: 'reversed', points: -earned.points })
    .onConflictDoNothing();
}

/** A refund the shop asked for could not be made: the timeline says why, once per attempt that gave up. */
export function recordRefundFailure(tenantId: string, orderId: string, detail: string): Promise<void> {
  return withTenant(tenantId, async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId));
    if (order) await timeline(tx, order, 'refund_failed', { detail: detail.slice(0, 300) });
  });
}

/**
 * An email about the order could not be sent however often it was tried (the provider was down past the
 * step's retries). The order carries on; the shop's timeline says which email is missing so someone can
 * tell the buyer. Written once per email, however often this step itself runs.
 */
export function recordEmailFailure(tenantId: string, orderId: string, email: string, detail: string): Promise<void> {
  return withTenant(tenantId, async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId));
    if (!order) return;
    const [already] = await tx
      .select({ id: orderEvents.id })
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.type, 'email_failed'), sql`${orderEvents.details}->>'email' = ${email}`));
    if (!already) await timeline(tx, order, 'email_failed', { email, detail: detail.slice(0, 300) });
  });
}
