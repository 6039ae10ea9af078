export interface TyreSize {
  width: number;
  aspectRatio: number;
  rimDiameter: number;
}

// 205/55 R16, 205/55R16, 205 55 16, 205-55-r16, 2055516, 205/55 ZR16
const SIZE = /^\s*(\d{3})\s*[/\-\s]?\s*(\d{2})\s*[/\-\s]?\s*(?:z?r)?\s*(\d{2})\s*$/i;

/** Reads a tyre size the way buyers type it; null when the text is not a plausible size. */
export function parseTyreSize(input: string): TyreSize | null {
  const match = SIZE.exec(input);
  if (!match) return null;
  const [width, aspectRatio, rimDiameter] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (width < 105 || width > 395 || aspectRatio < 20 || aspectRatio > 95 || rimDiameter < 10 || rimDiameter > 26) {
    return null;
  }
  return { width, aspectRatio, rimDiameter };
}

export function formatTyreSize(size: TyreSize): string {
  return `${size.width}/${size.aspectRatio} R${size.rimDiameter}`;
}
