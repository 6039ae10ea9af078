import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { expectStorableText, hostileString, thrownBy } from '@/tests/support/hostile-input';
import { parsePriceCsv, PRICE_CSV_COLUMNS, stringifyPriceCsv, type PriceCsvRecord } from './price-csv';

const encode = (text: string) => new TextEncoder().encode(text);

/** Only the file-level error may escape, with a message for the person who uploaded the file. */
function expectFileError(error: unknown) {
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('VALIDATION_FAILED');
  expect((error as AppError).message.trim()).not.toBe('');
  expect((error as AppError).details).toEqual({ rowErrors: [] });
}

function parseOrFileError(bytes: Uint8Array) {
  let rows: ReturnType<typeof parsePriceCsv> | undefined;
  const error = thrownBy(() => {
    rows = parsePriceCsv(bytes);
  });
  if (error !== undefined) expectFileError(error);
  for (const row of rows ?? []) {
    expect(Number.isSafeInteger(row.row) && row.row >= 2).toBe(true);
    // Quoted fields keep their spaces; the row's values are checked one by one by the import.
    for (const value of [row.sku, row.price, row.validFrom, row.validUntil]) expectStorableText(value);
  }
  return rows;
}

/** A field as a spreadsheet may hold it: no surrounding spaces (the parser trims them), anything inside. */
const field = fc
  .string({
    unit: fc.oneof(fc.constantFrom(',', ';', '"', '\n', '\r\n', ' ', '\t', "'", '='), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })),
    maxLength: 12,
  })
  .map((s) => s.trim())
  .filter((s) => !s.includes('\u0000'));
const record: fc.Arbitrary<PriceCsvRecord> = fc.record({ sku: field.filter((s) => s !== ''), price: field, validFrom: field, validUntil: field });

const header = PRICE_CSV_COLUMNS.join(',');
const csvLine = fc.oneof(
  hostileString.filter((s) => !/[\r\n]/.test(s)),
  fc.array(fc.stringMatching(/^[A-Za-z0-9 .:-]{0,10}$/), { minLength: 1, maxLength: 5 }).map((cells) => cells.join(',')),
  fc.constantFrom('', ' ', ',,,', '"', '"a', 'a"b', '"a""b"', '\ufeff'),
);

describe('parsePriceCsv: properties', () => {
  it('throws nothing but a file error for arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        parseOrFileError(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('throws nothing but a file error for arbitrary text under a valid header', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(header, `\ufeff${header}`, 'SKU;Price;Valid_From;Valid_Until', 'sku,price', ''),
        fc.array(csvLine, { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        (head, lines, eol) => {
          parseOrFileError(encode([head, ...lines].join(eol)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads back every export, whatever the fields hold', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 10 }), fc.boolean(), (records, bom) => {
        const rows = parsePriceCsv(encode(`${bom ? '\ufeff' : ''}${stringifyPriceCsv(records)}`));
        expect(rows).toEqual(records.map((r, index) => ({ row: index + 2, ...r })));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps one row per non-blank line, numbered as a spreadsheet numbers it, in any column order and either delimiter', () => {
    const cell = fc.stringMatching(/^[A-Za-z0-9.:-]{1,10}$/);
    const line = fc.option(fc.tuple(cell, cell, cell, fc.option(cell, { nil: '' })), { nil: null, freq: 4 });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 12 }),
        fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4 }),
        fc.constantFrom(',', ';'),
        fc.constantFrom('\n', '\r\n'),
        (lines, order, delimiter, eol) => {
          fc.pre(lines.some((l) => l !== null));
          const text = [
            order.map((i) => PRICE_CSV_COLUMNS[i]).join(delimiter),
            ...lines.map((l) => (l === null ? '' : order.map((i) => l[i]).join(delimiter))),
          ].join(eol);
          const rows = parsePriceCsv(encode(text));
          const expected = lines.flatMap((l, index) => (l === null ? [] : [{ row: index + 2, sku: l[0], price: l[1], validFrom: l[2], validUntil: l[3] }]));
          expect(rows).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a file with a NUL character, which no text file holds and PostgreSQL cannot store', () => {
    for (const text of [`${header}\nABC\u0000,10,2026-01-01,`, `${header}\n"A\u0000",10,2026-01-01,`]) {
      expectFileError(thrownBy(() => parsePriceCsv(encode(text))));
    }
  });
});
