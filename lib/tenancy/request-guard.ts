/**
 * Refuses requests that try to confuse routing or ride on a visitor's session, before anything else
 * looks at them (middleware.ts, edge runtime: pure, no database). Pages, actions and route handlers
 * still check tenant and session themselves; this only turns hostile shapes into clean 4xx answers.
 */

import { callbackUrlsOf, isAcceptedCallbackUrl, isAuthApiPath } from '@/lib/auth/auth-callback-url';
import { formatByteLimit } from '@/lib/http/read-bounded-body';
import { methodRefusal } from './allowed-methods';

export interface GuardedRequest {
  method: string;
  /** As sent, %-escapes and all. */
  pathname: string;
  /** The query string as sent (with or without its `?`). */
  search?: string;
  headers: { get(name: string): string | null };
}

export interface GuardOptions {
  /** A reverse proxy in front rewrites Host and passes the original in X-Forwarded-Host (TRUST_PROXY_HEADERS=1). */
  trustProxyHeaders: boolean;
}

export type Refusal =
  | { status: 400 | 403 | 413; code: 'BAD_REQUEST' | 'FORBIDDEN' | 'PAYLOAD_TOO_LARGE'; message: string }
  /** `allow` is the `Allow` header to answer with. */
  | { status: 405; code: 'METHOD_NOT_ALLOWED'; message: string; allow: string };

/**
 * Bodies posted to pages (server actions: forms, logo uploads, CSV imports) may be as large as Next.js
 * lets a server action be (`experimental.serverActions.bodySizeLimit` in next.config.mjs, 2 MiB, kept
 * equal by tests/body-limits.test.ts); API bodies (webhooks, sign-in) are small.
 */
export const MAX_PAGE_BODY_BYTES = 2 * 1024 * 1024;
export const MAX_API_BODY_BYTES = 1_000_000;

export function bodyLimitFor(pathname: string): number {
  return pathname.startsWith('/api/') ? MAX_API_BODY_BYTES : MAX_PAGE_BODY_BYTES;
}

export function payloadTooLarge(limit: number): Refusal {
  return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than ${formatByteLimit(limit)}.` };
}

/** Whether every segment of a path decodes: Next.js decodes route parameters and throws (a 500) on a broken %-escape. */
export function pathDecodes(pathname: string): boolean {
  try {
    for (const segment of pathname.split('/')) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A Host naming the server by its address rather than a site: `localhost` or an IP literal. Next.js
 * renders an action's redirect in a second request to its own origin, which is `localhost` when bound to
 * every address or to none, `[::1]` under `-H ::`, and the bound address itself otherwise (`-H 127.0.0.1`,
 * a container's `-H 10.1.2.3`), keeping the visitor's host in X-Forwarded-Host. No shop, console or
 * platform root is ever an address (parse-host.ts), so such a Host is no site a cache or a proxy's
 * allow-list could be keyed on: trusting its X-Forwarded-Host gives a client only what sending that
 * host as Host would.
 */
export function isServerAddressHost(host: string): boolean {
  return /^(localhost|\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])(:\d+)?$/i.test(host.trim());
}

const normalise = (host: string) =>
  host
    .trim()
    .toLowerCase()
    .replace(/\.(?=:\d+$|$)/, '');

/**
 * The host the request is for. X-Forwarded-Host counts only where it can be trusted: on a request to
 * the server's own address (Next.js's internal second request keeps the visitor's host there) or behind
 * a proxy that says so (TRUST_PROXY_HEADERS=1). A client that sends a different one is refused.
 */
export function effectiveHost(headers: GuardedRequest['headers'], options: GuardOptions): { host: string } | Refusal {
  const host = headers.get('host')?.trim();
  if (!host) return { status: 400, code: 'BAD_REQUEST', message: 'The request names no host.' };
  const forwarded = headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  if (!forwarded || normalise(forwarded) === normalise(host)) return { host };
  if (options.trustProxyHeaders || isServerAddressHost(host)) return { host: forwarded };
  return { status: 400, code: 'BAD_REQUEST', message: 'The X-Forwarded-Host header does not match the host.' };
}

function originHost(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host : null;
  } catch {
    return null;
  }
}

export function guardRequest(request: GuardedRequest, options: GuardOptions): Refusal | null {
  // Next.js marks its own middleware subrequests with this header; from outside it is an attempt to skip middleware.
  if (request.headers.get('x-middleware-subrequest') !== null) {
    return { status: 400, code: 'BAD_REQUEST', message: 'This request header is not accepted.' };
  }
  const target = effectiveHost(request.headers, options);
  if ('status' in target) return target;
  if (!pathDecodes(request.pathname)) return { status: 400, code: 'BAD_REQUEST', message: 'The address has a broken %-escape.' };
  const method = request.method.toUpperCase();
  const allow = methodRefusal(method, request.pathname);
  if (allow) return { status: 405, code: 'METHOD_NOT_ALLOWED', message: `This address does not answer ${method.slice(0, 20)} requests.`, allow };
  if (isAuthApiPath(request.pathname) && !callbackUrlsOf(request.search ?? '', request.headers.get('cookie')).every((url) => isAcceptedCallbackUrl(url))) {
    return { status: 400, code: 'BAD_REQUEST', message: 'The return address is not a valid URL.' };
  }
  if (!UNSAFE_METHODS.has(method)) return null;

  const length = request.headers.get('content-length');
  const limit = bodyLimitFor(request.pathname);
  if (length !== null && (!/^\d+$/.test(length.trim()) || Number(length) > limit)) return payloadTooLarge(limit);

  // A browser always names the page a form or fetch came from. Another site's page, or an opaque one
  // ("null": sandboxed frames, data: URLs), may not post here with the visitor's cookies. Requests
  // without any Origin come from servers (webhooks, Inngest), which carry no visitor's cookies.
  const origin = request.headers.get('origin');
  if (origin === null) return null;
  const from = origin.trim() === 'null' ? null : originHost(origin.trim());
  if (!from || normalise(from) !== normalise(target.host)) {
    return { status: 403, code: 'FORBIDDEN', message: 'Requests from another site are not accepted.' };
  }
  return null;
}
