/**
 * Auth.js answers a 500 ("server configuration") when a request to its endpoints carries a callback URL
 * it cannot parse, in the `callbackUrl` query parameter or in its `*.callback-url` cookie. The request
 * guard checks both the same way first (pure, edge runtime), so such a request gets a 400 instead.
 */
const AUTH_API_PREFIXES = ['/api/auth/', '/api/staff-auth/', '/api/admin-auth/'] as const;

export function isAuthApiPath(pathname: string): boolean {
  return AUTH_API_PREFIXES.some((prefix) => pathname.startsWith(prefix) || pathname === prefix.slice(0, -1));
}

/** The check Auth.js makes (a path on this origin, or an absolute http(s) URL), on any string. */
export function isAcceptedCallbackUrl(value: string, origin = 'http://localhost'): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith('/') ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

/** As the `cookie` package Auth.js uses decodes a value: %-escapes where they decode, else as sent. */
function cookieValue(raw: string): string {
  const value = raw.trim().replace(/^"(.*)"$/, '$1');
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Every callback URL an Auth.js endpoint would read from this request, from its query and its cookies. */
export function callbackUrlsOf(search: string, cookieHeader: string | null): string[] {
  const fromQuery = new URLSearchParams(search).getAll('callbackUrl');
  const fromCookies = (cookieHeader ?? '')
    .split(';')
    .map((pair) => pair.split('='))
    .filter(([name]) => name?.trim().endsWith('callback-url'))
    .map(([, ...value]) => cookieValue(value.join('=')));
  return [...fromQuery, ...fromCookies].filter((value) => value !== '');
}
