/** A URL slug from a name: ASCII letters and digits joined by hyphens (`Pirelli P Zero 225/40 R18` → `pirelli-p-zero-225-40-r18`). */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\+/g, ' plus ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
