import type { Payment, Refund, Shipment } from '@/db/schema';
import { formatDateTime } from '@/lib/time/format-date-time';
import { formatMoney } from '@/lib/pricing/resolve-price';

const providerLabel: Record<string, string> = { sandbox: 'Card (sandbox)', invoice: 'Invoice' };
const paymentStatusLabel: Record<Payment['status'], string> = {
  pending: 'Pending',
  captured: 'Captured',
  failed: 'Failed',
  refunded: 'Refunded',
  voided: 'Voided',
};

/** A card capture that did not pay the order (paid twice, or after it closed): the workflow gives it back. */
const isExtra = (p: Payment) => !p.settlesOrder && p.provider !== 'invoice' && (p.status === 'captured' || p.status === 'refunded');

/** Money in (payments and their state), money out (refunds and why) and the parcel. */
export function OrderPaymentsCard({
  payments,
  refunds,
  shipment,
  timeZone,
}: {
  payments: Payment[];
  refunds: Refund[];
  shipment: Shipment | null;
  timeZone: string;
}) {
  return (
    <section aria-labelledby="payments-heading" className="rounded-lg border border-slate-200 bg-white p-5 text-sm">
      <h2 id="payments-heading" className="font-semibold">
        Payments
      </h2>
      {payments.length === 0 ? (
        <p className="mt-2 text-slate-600">No payment yet.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100">
          {payments.map((p) => (
            <li key={p.id} data-testid="order-payment" className="flex flex-wrap justify-between gap-2 py-2">
              <span>
                {providerLabel[p.provider] ?? p.provider} · <span className="text-slate-600">{formatDateTime(p.createdAt, timeZone)}</span>
              </span>
              <span>
                <span className="font-semibold tabular-nums">{formatMoney(p.amountCents, p.currency)}</span> · {paymentStatusLabel[p.status]}
              </span>
              {isExtra(p) ? (
                <span data-testid="extra-payment" className="basis-full text-slate-600">
                  Extra payment the order did not need: {p.status === 'refunded' ? 'refunded automatically' : 'being refunded automatically'}.
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {refunds.length > 0 ? (
        <>
          <h2 className="mt-4 font-semibold">Refunds</h2>
          <ul className="mt-2 divide-y divide-slate-100">
            {refunds.map((r) => (
              <li key={r.id} data-testid="order-refund" className="py-2">
                <p className="flex flex-wrap justify-between gap-2">
                  <span className="text-slate-600">{formatDateTime(r.createdAt, timeZone)}</span>
                  <span className="font-semibold tabular-nums">−{formatMoney(r.amountCents, r.currency)}</span>
                </p>
                <p>{r.reason}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 className="mt-4 font-semibold">Shipment</h2>
      {shipment ? (
        <p className="mt-2" data-testid="order-shipment">
          {shipment.carrier}, tracking <span className="font-mono">{shipment.trackingNumber}</span> · {formatDateTime(shipment.shippedAt, timeZone)}
          {shipment.trackingUrl ? (
            <>
              {' '}
              ·{' '}
              <a className="font-semibold underline" href={shipment.trackingUrl} rel="noopener noreferrer" target="_blank">
                Track parcel
              </a>
            </>
          ) : null}
        </p>
      ) : (
        <p className="mt-2 text-slate-600">Not shipped yet.</p>
      )}
    </section>
  );
}
