import { describe, expect, it } from 'vitest';
import { checkVatNumber } from './vat-number';

// Country rules where this check is stricter or more current than the VAT library underneath it.
describe('checkVatNumber: rules kept on top of the library', () => {
  it('accepts Belgian enterprise numbers in the new 1 range', () => {
    expect(checkVatNumber('BE1000000021')).toMatchObject({ valid: true, number: '1000000021', normalized: 'BE1000000021' });
    expect(checkVatNumber('BE1000000022')).toMatchObject({ valid: false, reason: 'checksum' });
  });

  it('rejects Belgian numbers starting with 00 even when the check digits match', () => {
    expect(checkVatNumber('BE0012345625')).toMatchObject({ valid: false, reason: 'checksum' });
    expect(checkVatNumber('BE012345625')).toMatchObject({ valid: false, reason: 'checksum' });
  });

  it('rejects Belgian numbers of other lengths or ranges as format errors', () => {
    for (const input of ['BE0012345', 'BE00123456250', 'BE2000000021', 'BE10000000210']) {
      expect(checkVatNumber(input)).toMatchObject({ valid: false, reason: 'format' });
    }
  });

  it('rejects Cypriot numbers starting with 6, 7 or 8 as format errors', () => {
    expect(checkVatNumber('CY10259033P')).toMatchObject({ valid: true, normalized: 'CY10259033P' });
    for (const input of ['CY65631385N', 'CY62038915C', 'CY76761712D']) {
      expect(checkVatNumber(input)).toMatchObject({ valid: false, reason: 'format' });
    }
  });
});
