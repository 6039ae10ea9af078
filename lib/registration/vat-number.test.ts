import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkVatNumber, normalizeVatNumber, type VatCheck } from './vat-number';

function expectValid(check: VatCheck): Extract<VatCheck, { valid: true }> {
  if (!check.valid) throw new Error(`expected a valid VAT number, got ${check.reason}: ${check.message}`);
  return check;
}

function reasonOf(check: VatCheck): string {
  return check.valid ? 'valid' : check.reason;
}

describe('normalizeVatNumber', () => {
  it('upper-cases and strips separators but keeps the prefix', () => {
    expect(normalizeVatNumber(' be 0417.497.106 ')).toBe('BE0417497106');
    expect(normalizeVatNumber('nl-0044/954_45,b01')).toBe('NL004495445B01');
    expect(normalizeVatNumber('DE\u00a0136\u2013695\u200b976')).toBe('DE136695976');
  });

  it('upper-cases ASCII only, so look-alike letters cannot form a prefix', () => {
    expect(normalizeVatNumber('ﬀ123')).toBe('ﬀ123');
  });
});

describe('checkVatNumber: valid numbers', () => {
  const valid: Array<[input: string, country: string, normalized: string]> = [
    ['BE0417497106', 'BE', 'BE0417497106'],
    ['NL004495445B01', 'NL', 'NL004495445B01'],
    ['DE136695976', 'DE', 'DE136695976'],
    ['FR40303265045', 'FR', 'FR40303265045'],
    ['IT00743110157', 'IT', 'IT00743110157'],
    ['ESA28015865', 'ES', 'ESA28015865'],
    ['ATU13585627', 'AT', 'ATU13585627'],
    ['DK13585628', 'DK', 'DK13585628'],
    ['PL5260250995', 'PL', 'PL5260250995'],
    ['IE6388047V', 'IE', 'IE6388047V'],
    ['LU26375245', 'LU', 'LU26375245'],
    ['SE556188840401', 'SE', 'SE556188840401'],
  ];

  it.each(valid)('accepts %s', (input, country, normalized) => {
    const check = expectValid(checkVatNumber(input));
    expect(check.countryCode).toBe(country);
    expect(check.vatPrefix).toBe(country);
    expect(check.normalized).toBe(normalized);
    expect(check.number).toBe(normalized.slice(2));
  });

  it('accepts spaces, dots and lower case', () => {
    expect(expectValid(checkVatNumber('be 0417.497.106')).normalized).toBe('BE0417497106');
  });

  it('accepts an old nine-digit Belgian number and stores it with the leading zero', () => {
    expect(expectValid(checkVatNumber('BE417497106'))).toMatchObject({ number: '0417497106', normalized: 'BE0417497106' });
  });

  it('treats Greece as ISO GR with VAT prefix EL', () => {
    expect(checkVatNumber('EL094259216')).toEqual({
      valid: true,
      countryCode: 'GR',
      vatPrefix: 'EL',
      number: '094259216',
      normalized: 'EL094259216',
    });
  });

  it('reads a Greek number typed with GR as EL', () => {
    expect(expectValid(checkVatNumber('GR094259216')).normalized).toBe('EL094259216');
    expect(expectValid(checkVatNumber('gr 094 259 216', 'GR')).countryCode).toBe('GR');
  });

  it('reads a number without prefix as one from the expected country', () => {
    expect(expectValid(checkVatNumber('0417.497.106', 'BE')).normalized).toBe('BE0417497106');
    expect(expectValid(checkVatNumber('094259216', 'GR')).normalized).toBe('EL094259216');
  });
});

describe('checkVatNumber: rejected numbers', () => {
  it('reports an empty input', () => {
    expect(checkVatNumber('')).toMatchObject({ valid: false, reason: 'empty' });
    expect(checkVatNumber(' . - ')).toMatchObject({ valid: false, reason: 'empty' });
  });

  it.each(['BE0417497107', 'NL004495446B01', 'DE136695977', 'FR40303265046', 'IT00743110158', 'ESA28015866', 'EL094259217'])(
    'reports a check-digit failure for %s',
    (input) => {
      expect(reasonOf(checkVatNumber(input))).toBe('checksum');
    },
  );

  it('names the country in the message', () => {
    expect(checkVatNumber('BE0417497107')).toEqual({
      valid: false,
      reason: 'checksum',
      message: 'This is not a valid Belgian VAT number: please check it for typos.',
    });
    expect(checkVatNumber('EL09425921')).toMatchObject({ reason: 'format', message: expect.stringContaining('Greek') });
  });

  it.each(['BE04174971', 'BE04174971066', 'DE036695976', 'NL004495445', 'ATX13585627', 'BE', 'FRIO303265045'])('reports a format failure for %s', (input) => {
    expect(reasonOf(checkVatNumber(input))).toBe('format');
  });

  it('asks for the prefix when there is none and no country to infer it from', () => {
    expect(checkVatNumber('0417497106')).toMatchObject({ reason: 'format', message: expect.stringContaining('country code') });
  });

  it.each(['US123456789', 'XX123', 'GB980780684', 'CHE123456789', 'NO123456789MVA', 'EU123456789', 'XI980780684'])(
    'rejects %s as not an EU number',
    (input) => {
      expect(reasonOf(checkVatNumber(input))).toBe('unsupported_country');
    },
  );

  it('rejects a number from another country than the customer’s', () => {
    expect(checkVatNumber('BE0417497106', 'NL')).toEqual({
      valid: false,
      reason: 'country_mismatch',
      message: 'This VAT number is Belgian, but the country you entered is the Netherlands.',
    });
    expect(reasonOf(checkVatNumber('DE136695976', 'US'))).toBe('country_mismatch');
  });

  it('treats GR and EL as the same country', () => {
    expect(reasonOf(checkVatNumber('EL094259216', 'GR'))).toBe('valid');
    expect(reasonOf(checkVatNumber('EL094259216', 'el'))).toBe('valid');
    expect(reasonOf(checkVatNumber('GR094259216', 'gr'))).toBe('valid');
  });

  it('rejects huge input without looking at it', () => {
    expect(reasonOf(checkVatNumber(`BE0417497106${' '.repeat(1_000_000)}`))).toBe('format');
  });

  it('rejects NUL and other control characters', () => {
    expect(reasonOf(checkVatNumber('BE0417\u0000497106'))).toBe('format');
  });
});

describe('checkVatNumber: properties', () => {
  const noThrowNeverValid = (input: string) => {
    const check = checkVatNumber(input);
    expect(check.valid).toBe(false);
    if (!check.valid) expect(check.message.length).toBeGreaterThan(0);
  };

  it('never throws and never accepts random ASCII', () => {
    fc.assert(fc.property(fc.string(), noThrowNeverValid));
  });

  it('never throws and never accepts random unicode', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), noThrowNeverValid));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), noThrowNeverValid));
  });

  it('never throws for random strings with an expected country', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ maxLength: 3 }), (input, country) => {
        expect(() => checkVatNumber(input, country)).not.toThrow();
      }),
    );
  });

  it('never throws for a real prefix followed by random digits, and only returns normalised numbers', () => {
    const prefix = fc.constantFrom('AT', 'ATU', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'GR', 'ES', 'FI', 'FR', 'HR', 'HU');
    const morePrefixes = fc.constantFrom('IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK');
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 16 });
    fc.assert(
      fc.property(fc.oneof(prefix, morePrefixes), digits, fc.constantFrom('', 'B01', 'P', 'V'), (p, d, suffix) => {
        const check = checkVatNumber(p + d + suffix);
        if (check.valid) {
          expect(check.normalized).toMatch(/^[A-Z]{2}[0-9A-Z]+$/);
          expect(check.normalized).toBe(check.vatPrefix + check.number);
        }
      }),
    );
  });
});

describe('checkVatNumber: normalisation properties', () => {
  const knownValid = fc.constantFrom(
    'BE0417497106',
    'NL004495445B01',
    'DE136695976',
    'FR40303265045',
    'IT00743110157',
    'ESA28015865',
    'ATU13585627',
    'DK13585628',
    'PL5260250995',
    'IE6388047V',
    'LU26375245',
    'SE556188840401',
    'EL094259216',
  );
  const separator = fc.constantFrom(' ', '.', '-', '/', '_', ',', '\u00a0', '\u2013', '\u200b', '\u00ad');

  /** A valid number as people paste it: separators anywhere, letters in any case. */
  const pasted = knownValid.chain((vat) =>
    fc
      .tuple(
        fc.array(fc.option(separator, { nil: '' }), { minLength: vat.length + 1, maxLength: vat.length + 1 }),
        fc.array(fc.boolean(), { minLength: vat.length, maxLength: vat.length }),
      )
      .map(([gaps, lower]) => ({
        vat,
        text: [...vat].map((char, i) => `${gaps[i]}${lower[i] ? char.toLowerCase() : char}`).join('') + gaps[vat.length],
      })),
  );

  it('accepts a valid number however it is pasted, always to the same normalised form', () => {
    fc.assert(
      fc.property(pasted, ({ vat, text }) => {
        fc.pre(text.length <= 64);
        expect(expectValid(checkVatNumber(text)).normalized).toBe(vat);
      }),
      { numRuns: 300 },
    );
  });

  it('re-validating a normalised number accepts it again, unchanged (idempotence)', () => {
    const candidates = fc.oneof(
      pasted.map(({ text }) => text),
      fc.string({ unit: fc.constantFrom(...'0123456789 .-ABELNTUX'), maxLength: 20 }),
    );
    fc.assert(
      fc.property(candidates, fc.option(fc.constantFrom('BE', 'NL', 'GR', 'el', 'de', ' fr '), { nil: undefined }), (text, country) => {
        const first = checkVatNumber(text, country);
        if (!first.valid) return;
        expect(first.normalized).toMatch(/^[A-Z]{2}[0-9A-Z]{2,12}$/);
        expect(first.normalized).toBe(normalizeVatNumber(first.normalized));
        expect(first.normalized.startsWith(first.vatPrefix)).toBe(true);
        expect(checkVatNumber(first.normalized)).toEqual(first);
        expect(checkVatNumber(first.normalized, first.countryCode)).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });

  it('normalising is idempotent and leaves no separators or lower-case ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const once = normalizeVatNumber(text);
        expect(normalizeVatNumber(once)).toBe(once);
        expect(once).not.toMatch(/[\s.,_/a-z-]/);
      }),
      { numRuns: 300 },
    );
  });

  it('an accepted number always belongs to the expected country, whatever that argument holds', () => {
    fc.assert(
      fc.property(pasted, fc.string({ maxLength: 4 }), ({ text }, country) => {
        const check = checkVatNumber(text, country);
        if (check.valid && country.trim() !== '') {
          const iso = country.trim().toUpperCase();
          expect(check.countryCode).toBe(iso === 'EL' ? 'GR' : iso);
        }
        if (!check.valid) expect(check.message.trim()).not.toBe('');
      }),
      { numRuns: 300 },
    );
  });
});
