export interface TyreSize {
  width: number;
  aspectRatio: number;
  rimDiameter: number;
}

/**
 * A size as a word of the text (whitespace already folded to single spaces): 205/55 R16, 205/55R16,
 * 205 55 16, 205-55-r16, 2055516, 205/55 ZR16. Only single optional characters between the parts, so
 * matching stays linear however the text is made.
 */
const SIZE_IN_TEXT = /(^| )(\d{3}) ?[/-]? ?(\d{2}) ?[/-]? ?(?:z?r)? ?(\d{2})(?= |$)/gi;

function plausible(width: number, aspectRatio: number, rimDiameter: number): boolean {
  return width >= 105 && width <= 395 && aspectRatio >= 20 && aspectRatio <= 95 && rimDiameter >= 10 && rimDiameter <= 26;
}

/**
 * The first plausible tyre size written in a text, and the rest of the text without it ("michelin
 * 205/55 R16" → 205/55 R16 and "michelin"); null when the text holds none. A size must stand as its
 * own word, so an article number such as "CON-2055516-PC7" is not read as one.
 */
export function findTyreSize(input: string): { size: TyreSize; rest: string } | null {
  const text = input.replace(/\s+/g, ' ').trim();
  for (const match of text.matchAll(SIZE_IN_TEXT)) {
    const [width, aspectRatio, rimDiameter] = [Number(match[2]), Number(match[3]), Number(match[4])];
    if (!plausible(width, aspectRatio, rimDiameter)) continue;
    const start = match.index + match[1]!.length;
    const end = match.index + match[0].length;
    const rest = `${text.slice(0, start)} ${text.slice(end)}`.replace(/ +/g, ' ').trim();
    return { size: { width, aspectRatio, rimDiameter }, rest };
  }
  return null;
}

/** Reads a tyre size the way buyers type it; null when the text is not a plausible size (and only that). */
export function parseTyreSize(input: string): TyreSize | null {
  const found = findTyreSize(input);
  return found && found.rest === '' ? found.size : null;
}

export function formatTyreSize(size: TyreSize): string {
  return `${size.width}/${size.aspectRatio} R${size.rimDiameter}`;
}
