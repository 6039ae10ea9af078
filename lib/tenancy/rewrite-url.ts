/**
 * The URLs middleware rewrites to, built so that Next.js always serves them in-process.
 *
 * Next.js (16.4) serves a middleware rewrite internally only when the rewrite's origin equals the
 * router's own `initURL` origin (`<protocol>://<the -H address>:<port>`, lib/router-utils/resolve-routes);
 * any other origin is proxied over HTTP as an external URL. `request.nextUrl` is not that origin: NextURL
 * renames every loopback address (`127.x.x.x`, `[::1]`) to `localhost`, and by default the middleware
 * adapter writes that renamed origin back into the rewrite. Under `next start -H 127.0.0.1` every rewrite
 * was therefore proxied back to the server as `http://localhost:<port>/shop/<host>/…`, with the visitor's
 * host in X-Forwarded-Host, which middleware prefixed again: an endless loop until Next's 30 s proxy
 * timeout answered 500 (vercel/next.js#94745).
 *
 * With `skipProxyUrlNormalize` (next.config.mjs), `request.url` is the router's `initURL` itself, and the
 * adapter passes the rewrite on as given. Built from it, a rewrite keeps the server's own origin whatever
 * address the server is bound to, whatever Host, X-Forwarded-Host or X-Forwarded-Proto the request
 * carries, so it can never become a proxy. `request.nextUrl` must not be used for rewrites.
 */

/** Next's cache-busting parameter of router (RSC) requests: internal, never part of the public address. */
const NEXT_RSC_QUERY = '_rsc';

/**
 * The address the visitor asked for (path and query as sent, without Next's `_rsc`), on the server's own
 * origin. `requestUrl` is middleware's `request.url`.
 */
export function publicRequestUrl(requestUrl: string): URL {
  const url = new URL(requestUrl);
  // Only when present: deleting re-serialises the query, and a query as sent should stay as sent.
  if (url.searchParams.has(NEXT_RSC_QUERY)) url.searchParams.delete(NEXT_RSC_QUERY);
  return url;
}

/** The in-process rewrite target: the same origin and query as `from`, the internal path instead. */
export function internalRewriteUrl(from: URL, internalPathname: string): URL {
  const url = new URL(from.href);
  url.pathname = internalPathname;
  return url;
}
