import { eventType } from 'inngest';
import { z } from 'zod';

/**
 * The events the workflow runs on. Every one carries `tenantId`: a function never acts on a row of any
 * other tenant than the one its event names. Ids are stable (`order-placed:<order id>`, …) so a re-sent
 * event is deduplicated by the engine.
 */
const tenantId = z.string().uuid();

export const orderPlaced = eventType('shop/order.placed', {
  schema: z.object({
    tenantId,
    orderId: z.string().uuid(),
    number: z.number().int(),
    paymentMethod: z.enum(['card', 'invoice']),
    grossCents: z.number().int(),
    currency: z.string(),
    /** The shop's plan when the order was placed: premium shops' runs are started first. */
    plan: z.enum(['standard', 'premium']).optional(),
  }),
});

/** A payment of an order that has arrived: by card (from the provider) or an invoice (recorded by the shop). */
const orderPayment = z.object({
  tenantId,
  orderId: z.string().uuid(),
  paymentId: z.string().uuid(),
  amountCents: z.number().int(),
  currency: z.string(),
});

/** The card payment that paid the order (at most one per order): the order workflow waits for it. */
export const paymentCaptured = eventType('shop/payment.captured', { schema: orderPayment });

/**
 * A card payment captured that did not pay its order: the order was already paid, or cancelled, or the
 * payment had been replaced by a newer one. It is refunded (`refund-late-payment`); the order moves on.
 */
export const extraPaymentCaptured = eventType('shop/payment.extra-captured', { schema: orderPayment });

/** The shop cancelled an order before it was paid (from the dashboard); the buyer is told. */
export const orderCancelled = eventType('shop/order.cancelled', {
  schema: z.object({
    tenantId,
    orderId: z.string().uuid(),
    reason: z.enum(['cancelled_by_shop']),
  }),
});

/** The shop recorded the payment of an invoice order; the buyer gets a receipt. */
export const invoicePaid = eventType('shop/invoice.paid', { schema: orderPayment });

/** The shop asked to give a card payment back; the refund itself is the workflow's job. */
export const orderRefundRequested = eventType('shop/order.refund-requested', {
  schema: z.object({
    tenantId,
    orderId: z.string().uuid(),
    reason: z.string().min(1).max(200),
    requestedBy: z.string(),
  }),
});
