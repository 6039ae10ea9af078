import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileString } from '@/tests/support/hostile-input';
import { prefixTsQuery } from './catalog-filters';

describe('prefixTsQuery: properties', () => {
  it('hands to_tsquery nothing but up to eight prefix terms of letters and digits, so no search can make it throw', () => {
    const search = fc.oneof(
      hostileString,
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      fc.constantFrom("pilot & !sport | (a:*) <-> 'x'", 'a\\:*', ':*', '&', '!!', "''"),
    );
    fc.assert(
      fc.property(search, (q) => {
        const tsquery = prefixTsQuery(q);
        if (tsquery === undefined) return;
        const terms = tsquery.split(' & ');
        expect(terms.length).toBeGreaterThan(0);
        expect(terms.length).toBeLessThanOrEqual(8);
        for (const term of terms) expect(term).toMatch(/^[\p{L}\p{N}]+:\*$/u);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every word of a plain search, lower-cased, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-z0-9]{1,10}$/), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(' ', '-', '/', ', '),
        (words, separator) => {
          expect(prefixTsQuery(words.join(separator))).toBe(words.map((w) => `${w.toLowerCase()}:*`).join(' & '));
        },
      ),
    );
  });
});
