import { readableTextOn } from '@/lib/branding/theme';

/** WCAG AA for normal text: the shop name and the header links are ordinary-sized text. */
const MIN_TEXT_CONTRAST = 4.5;
/** Below this the accent-coloured search button melts into the header bar. */
const MIN_ACCENT_SEPARATION = 1.5;

export const HEX_COLOR = /^#[0-9a-f]{6}$/i;

export const MAX_SHOP_NAME = 60;
export const MAX_TAGLINE = 120;
/** Plenty for a header logo; anything bigger slows every page and email of the shop. */
export const MAX_LOGO_BYTES = 512 * 1024;

function relativeLuminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The WCAG contrast ratio of two `#rrggbb` colours, from 1 (same) to 21 (black on white). */
function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export type ColorProblem = { field: 'primaryColor' | 'accentColor'; message: string };

/**
 * What would be hard to read in the storefront header with these colours. The storefront writes black
 * or white on each colour (`readableTextOn`); for mid-tones even the better of the two can fall short.
 */
export function colorPairProblems(primary: string, accent: string): ColorProblem[] {
  if (!HEX_COLOR.test(primary) || !HEX_COLOR.test(accent)) return [];
  const problems: ColorProblem[] = [];
  const onPrimary = contrastRatio(primary, readableTextOn(primary));
  if (onPrimary < MIN_TEXT_CONTRAST) {
    problems.push({
      field: 'primaryColor',
      message: `The shop name would be hard to read on this main colour (contrast ${onPrimary.toFixed(1)}:1, at least ${MIN_TEXT_CONTRAST}:1 needed). Pick a darker or a lighter shade.`,
    });
  }
  const onAccent = contrastRatio(accent, readableTextOn(accent));
  if (onAccent < MIN_TEXT_CONTRAST) {
    problems.push({
      field: 'accentColor',
      message: `Button text would be hard to read on this accent colour (contrast ${onAccent.toFixed(1)}:1, at least ${MIN_TEXT_CONTRAST}:1 needed). Pick a darker or a lighter shade.`,
    });
  } else if (contrastRatio(primary, accent) < MIN_ACCENT_SEPARATION) {
    problems.push({
      field: 'accentColor',
      message: 'The accent colour is too close to the main colour: buttons would disappear in the header. Pick a colour that stands out.',
    });
  }
  return problems;
}
