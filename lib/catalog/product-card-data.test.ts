import { describe, expect, it } from 'vitest';
import type { ArticleSummary } from '@/lib/catalog/list-visible-articles';
import { toProductCardData } from './product-card-data';

const tyre: ArticleSummary = {
  id: 7,
  slug: 'michelin-pilot-sport-5-205-55-r16',
  sku: 'MIC-2055516',
  name: 'Michelin Pilot Sport 5',
  kind: 'tyre',
  season: 'summer',
  width: 205,
  aspectRatio: 55,
  rimDiameter: 16,
  loadIndex: 91,
  speedRating: 'V',
  euFuelClass: 'B',
  euWetGripClass: 'A',
  euNoiseDb: 70,
  stock: 12,
  basePriceCents: 12_000,
  netPriceCents: 10_000,
  brandName: 'Michelin',
  brandSlug: 'michelin',
  categoryName: 'Summer tyres',
  categorySlug: 'summer-tyres',
};

const b2b = { salesMode: 'b2b' as const, vatRateBp: 2_100, currency: 'EUR' };
const b2c = { salesMode: 'b2c' as const, vatRateBp: 2_100, currency: 'EUR' };

describe('toProductCardData', () => {
  it('words the card as the buyer reads it', () => {
    const card = toProductCardData(tyre, b2b);
    expect(card).toMatchObject({ brandName: 'Michelin', specs: '205/55 R16 · Summer · 91V', euLabel: ['B', 'A', 70], price: '€100.00', includesVat: false });
  });

  it('applies the customer margin and VAT on the server', () => {
    expect(toProductCardData(tyre, b2b, -500).price).toBe('€95.00');
    expect(toProductCardData(tyre, b2c, 1_000)).toMatchObject({ price: '€133.10', includesVat: true });
  });

  it('sends only the price the buyer pays: no tenant net price, base price or margin', () => {
    const sent = JSON.stringify(toProductCardData(tyre, b2b, 1_000));
    expect(sent).not.toMatch(/netPrice|basePrice|margin|10000|12000/);
  });
});
