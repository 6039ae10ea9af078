import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Sql } from './database';

type Cell = string | number | boolean | Date | null | undefined;

/** One value in PostgreSQL's COPY text format. */
function cell(value: Cell): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

async function* lines<T>(rows: Iterable<T>, toCells: (row: T) => Cell[]): AsyncGenerator<string> {
  let buffer: string[] = [];
  for (const row of rows) {
    buffer.push(toCells(row).map(cell).join('\t'));
    if (buffer.length === 2000) {
      yield `${buffer.join('\n')}\n`;
      buffer = [];
    }
  }
  if (buffer.length > 0) yield `${buffer.join('\n')}\n`;
}

/** Streams rows into a table with COPY … FROM STDIN: the fast path for a million rows. Returns the row count. */
export async function copyRows<T>(sql: Sql, table: string, columns: string[], rows: Iterable<T>, toCells: (row: T) => Cell[]): Promise<number> {
  let count = 0;
  const counted = (function* () {
    for (const row of rows) {
      count++;
      yield row;
    }
  })();
  const target = await sql.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`).writable();
  await pipeline(Readable.from(lines(counted, toCells)), target);
  return count;
}
