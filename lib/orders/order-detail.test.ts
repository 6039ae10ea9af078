import { describe, expect, it } from 'vitest';
import { orderActionsFor } from './order-detail';
import { timelineDetail, timelineLabel } from './order-timeline-labels';

const card = { paymentMethod: 'card' as const, grossCents: 10_000 };
const invoice = { paymentMethod: 'invoice' as const, grossCents: 10_000 };
const captured = [{ provider: 'sandbox', status: 'captured' as const, settlesOrder: true }];
const ev = (...types: string[]) => types.map((type) => ({ type }));

describe('orderActionsFor', () => {
  it('offers cancel only while the payment is awaited', () => {
    expect(orderActionsFor({ ...card, status: 'awaiting_payment' }, [], ev('placed')).cancel).toBe(true);
    expect(orderActionsFor({ ...card, status: 'paid' }, captured, ev('placed')).cancel).toBe(false);
  });

  it('offers a refund of a captured card payment once, until it failed', () => {
    expect(orderActionsFor({ ...card, status: 'fulfilled' }, captured, ev('placed')).refund).toBe(true);
    expect(orderActionsFor({ ...card, status: 'fulfilled' }, captured, ev('placed', 'refund_requested'))).toMatchObject({ refund: false, refundPending: true });
    expect(orderActionsFor({ ...card, status: 'fulfilled' }, captured, ev('refund_requested', 'refund_failed'))).toMatchObject({
      refund: true,
      refundPending: false,
    });
    expect(orderActionsFor({ ...card, status: 'refunded' }, [], ev('refund_requested', 'refunded'))).toMatchObject({ refund: false, refundPending: false });
    expect(orderActionsFor({ ...card, status: 'paid' }, [], ev('placed')).refund).toBe(false);
    // An extra capture is refunded by the workflow, not offered to the shop as the order's payment.
    expect(orderActionsFor({ ...card, status: 'paid' }, [{ provider: 'sandbox', status: 'captured', settlesOrder: false }], ev('placed')).refund).toBe(false);
  });

  it('offers to mark an invoice paid while it is open and not yet paid', () => {
    expect(orderActionsFor({ ...invoice, status: 'fulfilled' }, [], ev()).markInvoicePaid).toBe(true);
    expect(orderActionsFor({ ...invoice, status: 'fulfilled' }, [{ provider: 'invoice', status: 'captured', settlesOrder: true }], ev()).markInvoicePaid).toBe(
      false,
    );
    expect(orderActionsFor({ ...invoice, status: 'cancelled' }, [], ev()).markInvoicePaid).toBe(false);
    expect(orderActionsFor({ ...invoice, grossCents: 0, status: 'fulfilled' }, [], ev()).markInvoicePaid).toBe(false);
    expect(orderActionsFor({ ...card, status: 'fulfilled' }, captured, ev()).markInvoicePaid).toBe(false);
  });
});

describe('timeline labels', () => {
  it('reads like a sentence, also for types it does not know', () => {
    expect(timelineLabel('invoice_paid')).toBe('Invoice marked paid');
    expect(timelineLabel('something_new')).toBe('Something new');
    expect(timelineDetail('cancelled', { reason: 'payment_timeout', timeoutMinutes: 30 }, 'EUR')).toBe('no payment arrived in time (30 minutes)');
    expect(timelineDetail('cancelled', { reason: 'cancelled_by_shop', by: 'owner@acme.test' }, 'EUR')).toBe('cancelled by the shop · by owner@acme.test');
    expect(timelineDetail('shipped', { carrier: 'DPD', trackingNumber: 'SBX1' }, 'EUR')).toBe('DPD · tracking SBX1');
    expect(timelineDetail('refunded', { amountCents: 12_345, reason: 'Returned' }, 'EUR')).toBe('€123.45 · Returned');
    expect(timelineDetail('fulfilment_requested', {}, 'EUR')).toBeNull();
    expect(timelineLabel('email_failed')).toBe('Email not sent: please let the buyer know');
    expect(timelineDetail('email_failed', { email: 'email-order-confirmation', detail: 'HTTP 503' }, 'EUR')).toBe('the order confirmation');
  });
});
