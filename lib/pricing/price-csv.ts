import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '@/lib/errors';

// The file format of the price import and export: `sku,price,valid_from,valid_until`, one override a row.

export const PRICE_CSV_COLUMNS = ['sku', 'price', 'valid_from', 'valid_until'] as const;
const MAX_IMPORT_ROWS = 5_000;
export const MAX_IMPORT_BYTES = 1_000_000;

export interface PriceCsvRow {
  /** The row as a spreadsheet numbers it: the header is row 1, blank rows count. */
  row: number;
  sku: string;
  price: string;
  validFrom: string;
  validUntil: string;
}

function fileError(message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { details: { rowErrors: [] } });
}

const NOT_UTF8_TEXT = 'The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.';

function decodeUtf8(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fileError(NOT_UTF8_TEXT);
  }
  // No text file holds NUL (a spreadsheet's own format does), and PostgreSQL cannot store it.
  if (text.includes('\u0000')) throw fileError(NOT_UTF8_TEXT);
  return text;
}

/** Excel writes `;` where the decimal separator is a comma: the header line tells which one this file uses. */
function delimiterOf(text: string): ',' | ';' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return header.includes(';') ? ';' : ',';
}

/** The position of each expected column; any order, nothing missing, nothing unknown. */
function columnIndexes(header: string[]): Record<(typeof PRICE_CSV_COLUMNS)[number], number> {
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = PRICE_CSV_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => n !== '' && !(PRICE_CSV_COLUMNS as readonly string[]).includes(n));
  if (missing.length > 0 || unknown.length > 0 || new Set(names).size !== names.length) {
    throw fileError(`The first row must be the header ${PRICE_CSV_COLUMNS.join(',')} (found “${header.join(',')}”).`);
  }
  return Object.fromEntries(PRICE_CSV_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<(typeof PRICE_CSV_COLUMNS)[number], number>;
}

/**
 * Splits an uploaded file into rows, checking only the file as a whole (size, encoding, header, row
 * count). The rows' contents are validated afterwards, every one of them, by the import.
 */
export function parsePriceCsv(bytes: Uint8Array): PriceCsvRow[] {
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw fileError('The file is larger than 1 MB. Split it into smaller files.');
  const text = decodeUtf8(bytes);
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter: delimiterOf(text), relax_column_count: true, trim: true });
  } catch (error) {
    if (error instanceof CsvError) throw fileError(`The file is not valid CSV near line ${error.lines}: ${error.message.split(':')[0]}.`);
    throw error;
  }
  const [header, ...body] = records;
  if (!header || header.every((h) => h === '')) throw fileError(`The file is empty. The first row must be the header ${PRICE_CSV_COLUMNS.join(',')}.`);
  const at = columnIndexes(header);
  const rows: PriceCsvRow[] = [];
  body.forEach((record, index) => {
    if (record.every((field) => field === '')) return;
    const field = (i: number) => record[i] ?? '';
    rows.push({ row: index + 2, sku: field(at.sku), price: field(at.price), validFrom: field(at.valid_from), validUntil: field(at.valid_until) });
  });
  if (rows.length === 0) throw fileError('The file holds a header but no prices.');
  if (rows.length > MAX_IMPORT_ROWS)
    throw fileError(`The file has ${rows.length.toLocaleString('en-GB')} rows; at most 5,000 go in one import. Split it into smaller files.`);
  return rows;
}

export interface PriceCsvRecord {
  sku: string;
  price: string;
  validFrom: string;
  validUntil: string;
}

/** The export: the header, then one override a row; an open-ended window has an empty valid_until. */
export function stringifyPriceCsv(records: readonly PriceCsvRecord[]): string {
  return stringify(
    records.map((r) => ({ sku: r.sku, price: r.price, valid_from: r.validFrom, valid_until: r.validUntil })),
    { header: true, columns: [...PRICE_CSV_COLUMNS], record_delimiter: '\n' },
  );
}
