const HEX = /^#[0-9a-f]{6}$/i;

/** A colour safe to put in a style attribute, or the fallback. */
export function safeColor(value: string | null | undefined, fallback: string): string {
  return value && HEX.test(value) ? value.toLowerCase() : fallback;
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function readableTextOn(hex: string): '#ffffff' | '#111827' {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Contrast against white vs against near-black (#111827, luminance ≈ 0.012).
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.062 ? '#ffffff' : '#111827';
}

export function tenantThemeVariables(primary: string | null, accent: string | null): Record<string, string> {
  const p = safeColor(primary, '#1f2937');
  const a = safeColor(accent, '#f59e0b');
  // Tailwind's theme colours are overridden on the shop's root element, so `bg-brand` and friends
  // resolve to this tenant's colours inside it and nowhere else.
  return {
    '--color-brand': p,
    '--color-brand-contrast': readableTextOn(p),
    '--color-accent': a,
    '--color-accent-contrast': readableTextOn(a),
  };
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}
