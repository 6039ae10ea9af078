import type { ArticleSummary } from '@/lib/catalog/list-visible-articles';
import { applyCustomerMargin } from '@/lib/pricing/customer-margin';
import { roundHalfUp } from '@/lib/pricing/round';
import { toDisplayPrice, type PriceDisplayContext } from '@/lib/pricing/resolve-price';

export interface StoredCartItem {
  id: string;
  articleId: number;
  quantity: number;
  confirmedUnitPriceCents: number;
}

type CartLineProblem = 'unavailable' | 'price_changed' | 'insufficient_stock';

export interface CartLine {
  itemId: string;
  articleId: number;
  quantity: number;
  article: ArticleSummary | null;
  /** The customer's net unit price now (tenant price, then their margin); null when unavailable. */
  unitPriceCents: number | null;
  confirmedUnitPriceCents: number;
  lineNetCents: number;
  problems: CartLineProblem[];
}

export interface CartTotals {
  netCents: number;
  vatCents: number;
  grossCents: number;
  /** What the shop shows as the headline total: excl. VAT for B2B, incl. VAT for B2C. */
  display: ReturnType<typeof toDisplayPrice>;
}

/**
 * Lines as they stand now: each re-checked against the current visibility and price. A line whose
 * article is hidden, whose price moved since the customer last saw it, or that asks for more than is in
 * stock carries a problem, and a cart with problems cannot be checked out.
 */
export function priceCartLines(items: StoredCartItem[], visible: Map<number, ArticleSummary>, marginBp: number): CartLine[] {
  return items.map((item) => {
    const article = visible.get(item.articleId) ?? null;
    if (!article) {
      return {
        itemId: item.id,
        articleId: item.articleId,
        quantity: item.quantity,
        article,
        unitPriceCents: null,
        confirmedUnitPriceCents: item.confirmedUnitPriceCents,
        lineNetCents: 0,
        problems: ['unavailable'],
      };
    }
    const unit = applyCustomerMargin(article.netPriceCents, marginBp);
    const problems: CartLineProblem[] = [];
    if (unit !== item.confirmedUnitPriceCents) problems.push('price_changed');
    if (item.quantity > article.stock) problems.push('insufficient_stock');
    return {
      itemId: item.id,
      articleId: item.articleId,
      quantity: item.quantity,
      article,
      unitPriceCents: unit,
      confirmedUnitPriceCents: item.confirmedUnitPriceCents,
      lineNetCents: unit * item.quantity,
      problems,
    };
  });
}

/**
 * What a line costs as the shop shows it: the displayed unit price times the quantity, so a B2C buyer
 * who sees €60.02 each pays €120.04 for two (not VAT recomputed on the net sum).
 */
export function displayLineCents(line: CartLine, ctx: PriceDisplayContext): number {
  return line.unitPriceCents === null ? 0 : toDisplayPrice(line.unitPriceCents, ctx).amountCents * line.quantity;
}

/**
 * Integer cents throughout. B2B: VAT once on the net total, rounded half up. B2C: prices include VAT,
 * so the total is the sum of the shown line prices and the VAT is what that total contains.
 */
export function cartTotals(lines: CartLine[], ctx: PriceDisplayContext): CartTotals {
  const netCents = lines.reduce((sum, line) => sum + line.lineNetCents, 0);
  if (ctx.salesMode === 'b2c') {
    const grossCents = lines.reduce((sum, line) => sum + displayLineCents(line, ctx), 0);
    return { netCents, vatCents: grossCents - netCents, grossCents, display: { amountCents: grossCents, currency: ctx.currency, includesVat: true } };
  }
  const vatCents = roundHalfUp(netCents * ctx.vatRateBp, 10_000);
  return { netCents, vatCents, grossCents: netCents + vatCents, display: toDisplayPrice(netCents, ctx) };
}

export function cartIsReadyForCheckout(lines: CartLine[]): boolean {
  return lines.length > 0 && lines.every((line) => line.problems.length === 0);
}
