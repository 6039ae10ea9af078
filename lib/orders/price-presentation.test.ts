import { describe, expect, it } from 'vitest';
import { discountLabelOf, displayDiscountCents, displayLineAmount, pricePresentationFor, salesModeOfOrder, summaryRows } from './price-presentation';

const b2c = { salesMode: 'b2c' as const, vatRateBp: 2_100, currency: 'EUR' };
const b2b = { salesMode: 'b2b' as const, vatRateBp: 2_100, currency: 'EUR' };

describe('how a shop shows prices', () => {
  it('shows a consumer no business figures: no net subtotal, no "excl. VAT", no reference, no reverse charge', () => {
    const rows = summaryRows('b2c', {
      netCents: 9_504,
      vatCents: 1_996,
      grossCents: 11_500,
      discountCents: 500,
      discountLabel: 'Coupon WELCOME5',
      vatRateBp: 2_100,
    });
    expect(rows.map((r) => r.label)).toEqual(['Coupon WELCOME5', 'Total', 'Includes VAT (21 %)']);
    expect(rows.map((r) => r.cents)).toEqual([-500, 11_500, 1_996]);
    expect(JSON.stringify(rows)).not.toMatch(/excl\. VAT|Subtotal/);
    expect(pricePresentationFor('b2c')).toMatchObject({
      includesVat: true,
      lineColumn: 'Price',
      discountSuffix: '',
      asksForReference: false,
      mentionsReverseCharge: false,
    });
  });

  it('shows a business the net subtotal, VAT on top and the discount excl. VAT', () => {
    const rows = summaryRows('b2b', {
      netCents: 9_000,
      vatCents: 1_890,
      grossCents: 10_890,
      discountCents: 1_000,
      discountLabel: 'Coupon WINTER10',
      vatRateBp: 2_100,
    });
    expect(rows.map((r) => r.label)).toEqual(['Coupon WINTER10 excl. VAT', 'Subtotal excl. VAT', 'VAT (21 %)', 'Total incl. VAT']);
    expect(pricePresentationFor('b2b')).toMatchObject({ includesVat: false, asksForReference: true, mentionsReverseCharge: true });
  });

  it('adds a consumer’s lines as shown and takes the discount off them, to the cent', () => {
    const line = { unitNetCents: 4_959, quantity: 2, lineNetCents: 9_918 };
    expect(displayLineAmount(line, b2c)).toBe(2 * 6_000);
    expect(displayLineAmount(line, b2b)).toBe(9_918);
    expect(displayDiscountCents(b2c, { displayLinesCents: 12_000, grossCents: 11_500, discountNetCents: 413 })).toBe(500);
    expect(displayDiscountCents(b2b, { displayLinesCents: 9_918, grossCents: 11_500, discountNetCents: 413 })).toBe(413);
    expect(displayDiscountCents(b2c, { displayLinesCents: 12_000, grossCents: 12_000, discountNetCents: 0 })).toBe(0);
  });

  it('shows an order as it was sold, and names what made the discount', () => {
    expect(salesModeOfOrder({ vatTreatment: 'consumer' })).toBe('b2c');
    expect(salesModeOfOrder({ vatTreatment: 'reverse_charge' })).toBe('b2b');
    expect(discountLabelOf('WINTER10', 0)).toBe('Coupon WINTER10');
    expect(discountLabelOf('WINTER10', 120)).toBe('Coupon WINTER10 + 120 loyalty points');
    expect(discountLabelOf(null, 0)).toBe('Discount');
  });
});
