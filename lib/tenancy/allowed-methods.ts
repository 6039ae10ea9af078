/**
 * The HTTP methods each part of the application answers, for the request guard (middleware.ts) and its
 * `Allow` header. Pages take GET and HEAD, and POST for server actions; each API route takes what its
 * route file exports (tests/allowed-methods.test.ts keeps this table and the route files in step), plus
 * the HEAD and OPTIONS that Next.js answers for every route handler. Everything else (WebDAV verbs,
 * made-up tokens) is a 405 before any page or handler sees it.
 */
const PAGE_METHODS = ['GET', 'HEAD', 'POST'] as const;

/** API routes by their first path segment after `/api/`, with the methods their route file exports. */
export const API_ROUTE_METHODS: ReadonlyMap<string, readonly string[]> = new Map([
  ['auth', ['GET', 'POST']],
  ['staff-auth', ['GET', 'POST']],
  ['admin-auth', ['GET', 'POST']],
  ['domain-check', ['GET']],
  ['health', ['GET']],
  ['inngest', ['GET', 'POST', 'PUT']],
  ['render-cache', ['GET']],
  ['tenant-assets', ['GET']],
  ['webhooks', ['POST']],
]);

const withImplicit = (methods: readonly string[]) => [...new Set([...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'])];

/** The methods a path accepts; null for a path under `/api/` that names no route (a plain 404 follows). */
function allowedMethods(pathname: string): readonly string[] | null {
  if (pathname !== '/api' && !pathname.startsWith('/api/')) return PAGE_METHODS;
  const route = API_ROUTE_METHODS.get(pathname.split('/')[2] ?? '');
  return route ? withImplicit(route) : null;
}

/** Null when the method is accepted on this path, else the `Allow` header value to answer with. */
export function methodRefusal(method: string, pathname: string): string | null {
  const allowed = allowedMethods(pathname) ?? withImplicit(['GET']);
  return allowed.includes(method) ? null : allowed.join(', ');
}
