import type { Order, OrderLine } from '@/db/schema';
import { formatMoney } from '@/lib/pricing/resolve-price';

const vatNote = { domestic: 'Domestic VAT', reverse_charge: 'VAT reverse charged (Art. 196 VAT Directive)', consumer: 'Consumer sale, prices incl. VAT' };

// One line for both: in B2C a discount is taken off the price incl. VAT, so the share of each in the net
// discount is not stored apart.
function discountLabel(order: Order): string {
  const parts = [
    order.couponCode ? `Coupon ${order.couponCode}` : null,
    order.loyaltyPointsRedeemed > 0 ? `${order.loyaltyPointsRedeemed} loyalty points` : null,
  ];
  return parts.filter(Boolean).join(' and ') || 'Discount';
}

/** The lines as sold (snapshots) and the totals, with what the coupon and the points took off. */
export function OrderLinesCard({ order, lines }: { order: Order; lines: OrderLine[] }) {
  const money = (cents: number) => formatMoney(cents, order.currency);
  return (
    <section aria-labelledby="lines-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="lines-heading" className="font-semibold">
        Items
      </h2>
      <div className="mt-2">
        <table className="w-full text-sm">
          <thead className="text-left text-slate-600">
            <tr>
              <th scope="col" className="pb-2 font-medium">
                Product
              </th>
              <th scope="col" className="pb-2 pl-3 text-right font-medium">
                Qty
              </th>
              <th scope="col" className="pb-2 text-right font-medium max-sm:hidden">
                Unit excl. VAT
              </th>
              <th scope="col" className="pb-2 pl-3 text-right font-medium">
                <span className="sm:hidden">Excl. VAT</span>
                <span className="max-sm:hidden">Line excl. VAT</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.id} className="border-t border-slate-100" data-testid="order-line">
                <td className="py-2 pr-2">
                  {l.name}
                  <span className="block text-xs text-slate-500">
                    {l.sku}
                    <span className="sm:hidden">
                      {' '}
                      · {l.quantity} × {money(l.unitNetCents)}
                    </span>
                  </span>
                </td>
                <td className="py-2 pl-3 text-right tabular-nums">{l.quantity}</td>
                <td className="py-2 text-right tabular-nums max-sm:hidden">{money(l.unitNetCents)}</td>
                <td className="py-2 text-right tabular-nums">{money(l.lineNetCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="mt-4 space-y-1 border-t border-slate-200 pt-3 text-sm">
        {order.discountNetCents > 0 ? (
          <div className="flex justify-between gap-4 text-emerald-800" data-testid="order-discount">
            <dt>{discountLabel(order)}</dt>
            <dd className="tabular-nums">−{money(order.discountNetCents)} excl. VAT</dd>
          </div>
        ) : null}
        <div className="flex justify-between gap-4">
          <dt>Subtotal excl. VAT</dt>
          <dd className="tabular-nums">{money(order.netCents)}</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt>VAT</dt>
          <dd className="tabular-nums">{money(order.vatCents)}</dd>
        </div>
        <div className="flex justify-between gap-4 text-base font-bold">
          <dt>Total</dt>
          <dd data-testid="order-total" className="tabular-nums">
            {money(order.grossCents)}
          </dd>
        </div>
      </dl>
      <p className="mt-2 text-xs text-slate-600">{vatNote[order.vatTreatment]}.</p>
    </section>
  );
}
