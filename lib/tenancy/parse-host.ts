/**
 * Pure host classification, shared by middleware.ts (edge runtime, no database) and the storefront
 * layout. Ports are ignored, case folded, a trailing dot and a leading `www.` tolerated.
 */
export const RESERVED_SUBDOMAINS: ReadonlySet<string> = new Set([
  'admin',
  'www',
  'api',
  'app',
  'apps',
  'assets',
  'auth',
  'blog',
  'cdn',
  'dashboard',
  'dev',
  'docs',
  'ftp',
  'help',
  'imap',
  'mail',
  'media',
  'ns1',
  'ns2',
  'platform',
  'pop',
  'shop',
  'smtp',
  'staging',
  'static',
  'status',
  'support',
  'test',
  'webmail',
]);

export type HostTarget =
  | { kind: 'platform' }
  | { kind: 'admin' }
  /** A tenant host: `subdomain` is set for `<sub>.<root>`, null for a candidate custom domain. */
  | { kind: 'tenant'; host: string; subdomain: string | null }
  | { kind: 'invalid' };

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function isValidSubdomain(value: string): boolean {
  return LABEL.test(value) && !RESERVED_SUBDOMAINS.has(value);
}

/** Lower-cases and strips port, trailing dot and `www.`; null when it is not a plausible host name. */
export function normalizeHost(raw: string | null | undefined): string | null {
  if (!raw) return null;
  // Host names travel as ASCII (an IDN as punycode). Checked before lower-casing, which maps some
  // non-ASCII letters onto ASCII ones: U+212A KELVIN SIGN becomes "k".
  if (/[^\x00-\x7f]/.test(raw)) return null;
  let host = raw.trim().toLowerCase();
  if (host.startsWith('[')) return null; // IPv6 literals never name a shop
  host = host.replace(/:\d*$/, '').replace(/\.$/, '');
  if (host.startsWith('www.')) host = host.slice(4);
  if (host.length === 0 || host.length > 253) return null;
  const labels = host.split('.');
  if (!labels.every((label) => LABEL.test(label))) return null;
  return host;
}

export function normalizeRootDomain(root: string | undefined): string {
  return normalizeHost(root ?? '') ?? 'localhost';
}

export function parseHost(rawHost: string | null | undefined, rootDomain?: string): HostTarget {
  const host = normalizeHost(rawHost);
  if (!host) return { kind: 'invalid' };
  if (/^\d+(\.\d+){3}$/.test(host)) return { kind: 'invalid' }; // bare IPv4
  const root = normalizeRootDomain(rootDomain);
  if (host === root) return { kind: 'platform' };
  if (host.endsWith(`.${root}`)) {
    const sub = host.slice(0, -(root.length + 1));
    if (sub === 'admin') return { kind: 'admin' };
    if (sub.includes('.') || !isValidSubdomain(sub)) return { kind: 'invalid' };
    return { kind: 'tenant', host, subdomain: sub };
  }
  return { kind: 'tenant', host, subdomain: null };
}

/**
 * The host a request was addressed to. Next.js renders a server action's redirect target in an internal
 * request to its own origin and keeps the original host in X-Forwarded-Host, as a proxy in front does:
 * so that header wins. It grants nothing a client could not get by setting Host itself.
 */
export function requestHost(headers: { get(name: string): string | null }): string | null {
  const forwarded = headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  return forwarded || headers.get('host');
}
