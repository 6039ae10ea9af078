/**
 * A LIKE/ILIKE pattern matching `text` anywhere, with `%`, `_` and `\` typed by a person taken
 * literally rather than as wildcards ("100%" finds "100%", not everything starting with "100").
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
