import { toDisplayPrice, type PriceDisplayContext } from '@/lib/pricing/resolve-price';
import type { VatTreatment } from './vat-treatment';

/**
 * How a shop shows money, decided once from its sales mode: a B2C shop speaks to consumers (prices
 * incl. VAT, the total first and the VAT it contains, no purchase-order reference, no reverse charge),
 * a B2B shop to businesses (net figures, VAT on top). Cart, checkout, order pages and emails take
 * every label from here.
 */
export interface PricePresentation {
  includesVat: boolean;
  /** Next to a price on product pages and in the cart. */
  priceNote: string;
  /** Heading of the line-amount column. */
  lineColumn: string;
  /** Shown after a discount amount. */
  discountSuffix: string;
  /** Businesses quote their own purchase-order reference; consumers are not asked for one. */
  asksForReference: boolean;
  /** Only a business in another EU country is invoiced without VAT. */
  mentionsReverseCharge: boolean;
}

export type SalesMode = PriceDisplayContext['salesMode'];

export function pricePresentationFor(salesMode: SalesMode): PricePresentation {
  return salesMode === 'b2c'
    ? { includesVat: true, priceNote: 'Prices incl. VAT', lineColumn: 'Price', discountSuffix: '', asksForReference: false, mentionsReverseCharge: false }
    : {
        includesVat: false,
        priceNote: 'Prices excl. VAT',
        lineColumn: 'Price excl. VAT',
        discountSuffix: ' excl. VAT',
        asksForReference: true,
        mentionsReverseCharge: true,
      };
}

/** An order is shown as it was sold: a consumer sale stays a consumer sale if the shop changes mode later. */
export const salesModeOfOrder = (order: { vatTreatment: VatTreatment }): SalesMode => (order.vatTreatment === 'consumer' ? 'b2c' : 'b2b');

export interface SummaryRow {
  key: 'discount' | 'subtotal' | 'vat' | 'total';
  label: string;
  cents: number;
}

/**
 * The totals block under a list of lines. `discountCents` is what the buyer saw come off: net for a
 * business, incl. VAT for a consumer (see `displayDiscountCents`).
 */
export function summaryRows(
  salesMode: SalesMode,
  totals: { netCents: number; vatCents: number; grossCents: number; discountCents: number; discountLabel?: string; vatRateBp: number | null },
): SummaryRow[] {
  const { discountSuffix, includesVat } = pricePresentationFor(salesMode);
  const rate = totals.vatRateBp === null ? '' : ` (${totals.vatRateBp / 100} %)`;
  const rows: SummaryRow[] = [];
  if (totals.discountCents > 0) rows.push({ key: 'discount', label: `${totals.discountLabel ?? 'Discount'}${discountSuffix}`, cents: -totals.discountCents });
  if (includesVat) {
    rows.push({ key: 'total', label: 'Total', cents: totals.grossCents });
    rows.push({ key: 'vat', label: `Includes VAT${rate}`, cents: totals.vatCents });
  } else {
    rows.push({ key: 'subtotal', label: 'Subtotal excl. VAT', cents: totals.netCents });
    rows.push({ key: 'vat', label: `VAT${rate}`, cents: totals.vatCents });
    rows.push({ key: 'total', label: 'Total incl. VAT', cents: totals.grossCents });
  }
  return rows;
}

/**
 * A line's amount as the buyer saw it: for a consumer the unit price incl. VAT times the quantity (as
 * the cart adds it up), for a business the net line.
 */
export function displayLineAmount(line: { unitNetCents: number; quantity: number; lineNetCents: number }, ctx: PriceDisplayContext): number {
  return ctx.salesMode === 'b2c' ? toDisplayPrice(line.unitNetCents, ctx).amountCents * line.quantity : line.lineNetCents;
}

/**
 * What the discounts took off, as the buyer saw it: net for a business; for a consumer the lines as
 * shown minus the total paid, so the rows add up to the total to the cent.
 */
export function displayDiscountCents(ctx: PriceDisplayContext, amounts: { displayLinesCents: number; grossCents: number; discountNetCents: number }): number {
  if (ctx.salesMode === 'b2b') return amounts.discountNetCents;
  return amounts.discountNetCents > 0 ? Math.max(0, amounts.displayLinesCents - amounts.grossCents) : 0;
}

/** "Coupon WINTER10", "120 loyalty points", or both. */
export function discountLabelOf(couponCode: string | null, pointsUsed: number): string {
  const parts = [couponCode ? `Coupon ${couponCode}` : null, pointsUsed > 0 ? `${pointsUsed} loyalty points` : null].filter(Boolean);
  return parts.length > 0 ? parts.join(' + ') : 'Discount';
}
