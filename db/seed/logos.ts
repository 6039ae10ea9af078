export type TenantLogoInput = { name: string; primaryColor: string; accentColor: string };

const hexColor = /^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/i;
const fontFamily = 'Inter,system-ui,sans-serif';

/**
 * A tenant logo as a self-contained data URL, so demo tenants look distinct in the shop header and in
 * emails without hosting image files: a rounded square in the primary colour with white initials and
 * an accent bar. The shop name is set beside it as text, so the mark carries no name of its own.
 */
export function tenantLogoDataUrl(input: TenantLogoInput): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(tenantLogoSvg(input))}`;
}

function tenantLogoSvg({ name, primaryColor, accentColor }: TenantLogoInput): string {
  // Colours are interpolated into markup, so only plain hex values are accepted.
  for (const color of [primaryColor, accentColor]) {
    if (!hexColor.test(color)) throw new Error(`Logo colour must be a hex colour, got ${color}`);
  }
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48" role="img">',
    `<title>${escapeXml(name)}</title>`,
    `<rect width="48" height="48" rx="10" fill="${primaryColor}"/>`,
    `<rect x="10" y="37" width="28" height="4" rx="2" fill="${accentColor}"/>`,
    `<text x="24" y="30" text-anchor="middle" font-family="${fontFamily}" font-size="18" font-weight="700"`,
    ' fill="#fff">',
    `${escapeXml(tenantInitials(name))}</text>`,
    '</svg>',
  ].join('');
}

/** "ACME Wheels" → "AW", "TyreDirect" → "TD", "Atraxion" → "AT". */
function tenantInitials(name: string): string {
  const words = name
    .split(/[\s\-_.]+|(?<=[a-z])(?=[A-Z])/)
    .map((word) => word.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((word) => word.length > 0);
  const [first, second] = words;
  if (!first) return '?';
  const initials = second ? `${first.charAt(0)}${second.charAt(0)}` : first.slice(0, 2);
  return initials.toUpperCase();
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
