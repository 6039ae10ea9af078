import { describe, expect, it } from 'vitest';
import type { ArticleSummary } from '@/lib/catalog/list-visible-articles';
import { cartIsReadyForCheckout, cartTotals, priceCartLines } from './cart-lines';

const article = (id: number, netPriceCents: number, stock = 10) => ({ id, netPriceCents, stock }) as ArticleSummary;
const item = (articleId: number, quantity: number, confirmedUnitPriceCents: number) => ({ id: `i${articleId}`, articleId, quantity, confirmedUnitPriceCents });

describe('priceCartLines', () => {
  it('prices lines with the current tenant price and the customer margin', () => {
    const lines = priceCartLines([item(1, 4, 9_500)], new Map([[1, article(1, 10_000)]]), -500);
    expect(lines[0]).toMatchObject({ unitPriceCents: 9_500, lineNetCents: 38_000, problems: [] });
  });

  it('flags an article hidden since it was added, and never prices it', () => {
    const lines = priceCartLines([item(2, 1, 5_000)], new Map(), 0);
    expect(lines[0]).toMatchObject({ article: null, unitPriceCents: null, lineNetCents: 0, problems: ['unavailable'] });
    expect(cartIsReadyForCheckout(lines)).toBe(false);
  });

  it('flags a price change since the customer last confirmed it', () => {
    const lines = priceCartLines([item(1, 1, 9_000)], new Map([[1, article(1, 10_000)]]), 0);
    expect(lines[0]?.problems).toEqual(['price_changed']);
  });

  it('flags a quantity above the stock', () => {
    const lines = priceCartLines([item(1, 12, 10_000)], new Map([[1, article(1, 10_000, 5)]]), 0);
    expect(lines[0]?.problems).toEqual(['insufficient_stock']);
  });
});

describe('cartTotals', () => {
  const lines = priceCartLines([item(1, 3, 3_333)], new Map([[1, article(1, 3_333)]]), 0);

  it('shows B2B totals excl. VAT and computes VAT on the net total', () => {
    const totals = cartTotals(lines, { salesMode: 'b2b', vatRateBp: 2_100, currency: 'EUR' });
    expect(totals).toMatchObject({ netCents: 9_999, vatCents: 2_100, grossCents: 12_099 });
    expect(totals.display).toEqual({ amountCents: 9_999, currency: 'EUR', includesVat: false });
  });

  it('makes a B2C total the sum of the prices shown incl. VAT', () => {
    // 3,333 net → 4,033 shown (40.3293 rounded); three of them are 12,099 — and VAT is what they contain.
    const totals = cartTotals(lines, { salesMode: 'b2c', vatRateBp: 2_100, currency: 'EUR' });
    expect(totals).toMatchObject({ netCents: 9_999, grossCents: 12_099, vatCents: 2_100 });
    expect(totals.display).toEqual({ amountCents: 12_099, currency: 'EUR', includesVat: true });
    const odd = priceCartLines([item(1, 2, 4_960)], new Map([[1, article(1, 4_960)]]), 0);
    // 4,960 × 1.21 = 6,001.6 → 6,002 each; two cost 12,004 although 9,920 × 1.21 rounds to 12,003.
    expect(cartTotals(odd, { salesMode: 'b2c', vatRateBp: 2_100, currency: 'EUR' }).grossCents).toBe(12_004);
  });

  it('is not ready for checkout when empty', () => expect(cartIsReadyForCheckout([])).toBe(false));
});
