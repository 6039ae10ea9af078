/** `db.execute` answers an array (postgres.js) or `{ rows }` (PGlite); callers want the rows. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}
