import 'server-only';
import { orderStatus, type Order } from '@/db/schema';

/**
 * The one home of the order statuses: the list comes from the database enum, every status has one entry
 * in `ORDER_STATUS` (the compiler says which one a new status is missing), and every change of status is
 * a row of `ORDER_TRANSITIONS`. Buttons, sums and guards are derived from these two tables.
 */
export const ORDER_STATUSES = orderStatus.enumValues;
export type OrderStatus = Order['status'];

export interface OrderStatusInfo {
  /** What the buyer and the shop read. */
  label: string;
  /** Badge colours in the dashboard. */
  tone: string;
  /** Cancelled or refunded: no longer a sale, nothing left to pay or to refund. */
  closed: boolean;
  /** The shop may refund the card payment from the dashboard (not while the warehouse works on it). */
  shopMayRefund: boolean;
}

export const ORDER_STATUS: Record<OrderStatus, OrderStatusInfo> = {
  awaiting_payment: { label: 'Awaiting payment', tone: 'bg-amber-100 text-amber-900', closed: false, shopMayRefund: false },
  paid: { label: 'Paid', tone: 'bg-sky-100 text-sky-900', closed: false, shopMayRefund: true },
  fulfilling: { label: 'Being prepared', tone: 'bg-indigo-100 text-indigo-900', closed: false, shopMayRefund: false },
  fulfilled: { label: 'Shipped', tone: 'bg-emerald-100 text-emerald-900', closed: false, shopMayRefund: true },
  cancelled: { label: 'Cancelled', tone: 'bg-slate-200 text-slate-800', closed: true, shopMayRefund: false },
  refunded: { label: 'Refunded', tone: 'bg-rose-100 text-rose-900', closed: true, shopMayRefund: false },
};

/**
 * Every change of status the code makes, by name: the states it may leave and the one it reaches. A
 * guarded update (`where status in from`) makes a repeated step change nothing the second time.
 */
export const ORDER_TRANSITIONS = {
  /** A card payment (or a free order's) arrived for an order still waiting for it. */
  capturePayment: { from: ['awaiting_payment'], to: 'paid' },
  /** No payment came in time. */
  cancelUnpaid: { from: ['awaiting_payment'], to: 'cancelled' },
  /** The shop cancels before the payment arrived. */
  cancelByShop: { from: ['awaiting_payment'], to: 'cancelled' },
  /** A paid order goes to the warehouse. */
  startFulfilment: { from: ['paid'], to: 'fulfilling' },
  /** An invoice order goes to the warehouse unpaid (shipped first, paid later). */
  startInvoiceFulfilment: { from: ['awaiting_payment'], to: 'fulfilling' },
  /** The warehouse shipped the parcel. */
  ship: { from: ['fulfilling'], to: 'fulfilled' },
  /** The warehouse gave up on a paid order and the payment went back. */
  refundUnfulfillable: { from: ['paid', 'fulfilling'], to: 'refunded' },
  /** The warehouse gave up on an invoice order: nothing was paid. */
  cancelUnfulfillable: { from: ['fulfilling', 'awaiting_payment'], to: 'cancelled' },
  /** A refund the shop asked for went through; a shipped order may be refunded too. */
  refundByShop: { from: ['paid', 'fulfilling', 'fulfilled'], to: 'refunded' },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus }>;

export type OrderTransition = keyof typeof ORDER_TRANSITIONS;

export const canTransition = (name: OrderTransition, status: OrderStatus): boolean => (ORDER_TRANSITIONS[name].from as readonly OrderStatus[]).includes(status);

/** Statuses that count as sales in the overview: not cancelled, not refunded. */
export const SOLD_STATUSES = ORDER_STATUSES.filter((s) => !ORDER_STATUS[s].closed);
export const CLOSED_STATUSES = ORDER_STATUSES.filter((s) => ORDER_STATUS[s].closed);

/** A card order whose payment may still settle it: the buyer can pay it, the workflow waits for it. */
export const awaitsCardPayment = (order: Pick<Order, 'paymentMethod' | 'status'>): boolean =>
  order.paymentMethod === 'card' && canTransition('capturePayment', order.status);
