import { formatMoney } from '@/lib/pricing/resolve-price';

/** The timeline as the shop reads it: what happened, and the facts the workflow kept about it. */
const labels: Record<string, string> = {
  placed: 'Order placed',
  payment_captured: 'Card payment received',
  payment_failed: 'Card payment declined',
  fulfilment_requested: 'Sent to the warehouse',
  shipped: 'Shipped',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  extra_payment_captured: 'Extra card payment captured: refunding it automatically',
  extra_payment_refunded: 'Extra card payment refunded automatically',
  invoice_paid: 'Invoice marked paid',
  refund_requested: 'Refund requested',
  refund_failed: 'Refund failed',
  email_failed: 'Email not sent: please let the buyer know',
  shipped_after_refund: 'Parcel shipped after the order was refunded or cancelled: check with the warehouse',
};

const extraCaptureReasons: Record<string, string> = {
  already_paid: 'the order was already paid',
  order_cancelled: 'the order was cancelled',
  replaced: 'a newer payment had replaced it',
};

const cancelReasons: Record<string, string> = {
  payment_timeout: 'no payment arrived in time',
  fulfilment_failed: 'the warehouse could not ship it',
  cancelled_by_shop: 'cancelled by the shop',
};

/** The order workflow's email steps, as the shop would name the emails. */
const emailNames: Record<string, string> = {
  'email-order-confirmation': 'the order confirmation',
  'email-payment-received': 'the payment confirmation',
  'email-order-shipped': 'the shipping notice with tracking',
  'email-order-cancelled': 'the cancellation notice',
  'email-order-refunded': 'the refund notice',
};

export function timelineLabel(type: string): string {
  return labels[type] ?? type.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** One readable line of the entry's details, or null when it has nothing to add. */
export function timelineDetail(type: string, details: Record<string, unknown> | null | undefined, currency: string): string | null {
  const d = details ?? {};
  const amount = num(d.amountCents) ?? num(d.grossCents);
  const money = amount !== null ? formatMoney(amount, currency) : null;
  const by = str(d.by) ? `by ${str(d.by)}` : null;
  const parts: Array<string | null> = (() => {
    switch (type) {
      case 'placed':
        return [d.paymentMethod === 'invoice' ? 'on invoice' : d.paymentMethod === 'card' ? 'by card' : null, money];
      case 'payment_captured':
      case 'invoice_paid':
        return [money, by];
      case 'shipped':
        return [str(d.carrier), str(d.trackingNumber) ? `tracking ${str(d.trackingNumber)}` : null];
      case 'cancelled': {
        const reason = str(d.reason);
        const minutes = num(d.timeoutMinutes);
        return [
          reason ? (cancelReasons[reason] ?? reason) + (reason === 'payment_timeout' && minutes ? ` (${minutes} minutes)` : '') : null,
          str(d.detail),
          by,
        ];
      }
      case 'extra_payment_captured':
        return [money, str(d.reason) ? (extraCaptureReasons[str(d.reason)!] ?? str(d.reason)) : null];
      case 'refunded':
      case 'extra_payment_refunded':
        return [money, str(d.reason)];
      case 'refund_requested':
        return [str(d.reason) ? `“${str(d.reason)}”` : null, by];
      case 'refund_failed':
        return [str(d.detail)];
      case 'email_failed':
        return [str(d.email) ? (emailNames[str(d.email)!] ?? str(d.email)) : null];
      default:
        return [];
    }
  })();
  const text = parts.filter(Boolean).join(' · ');
  return text || null;
}
