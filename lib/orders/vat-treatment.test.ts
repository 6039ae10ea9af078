import { describe, expect, it } from 'vitest';
import { vatTreatmentFor } from './vat-treatment';

const b2bBelgium = { salesMode: 'b2b' as const, countryCode: 'BE' };

describe('vatTreatmentFor', () => {
  it('charges domestic VAT on a B2B sale within the shop’s country', () => {
    expect(vatTreatmentFor(b2bBelgium, { vatNumber: 'BE0417497106' }, 'BE')).toBe('domestic');
  });
  it('applies reverse charge to a business with a VAT number in another EU country', () => {
    expect(vatTreatmentFor(b2bBelgium, { vatNumber: 'NL004495445B01' }, 'NL')).toBe('reverse_charge');
  });
  it('charges VAT to a buyer without a VAT number, wherever it ships', () => {
    expect(vatTreatmentFor(b2bBelgium, { vatNumber: null }, 'NL')).toBe('domestic');
  });
  it('always includes VAT in a B2C shop', () => {
    expect(vatTreatmentFor({ salesMode: 'b2c', countryCode: 'BE' }, { vatNumber: 'NL004495445B01' }, 'NL')).toBe('consumer');
  });
});
