/**
 * Refuses requests that try to confuse routing or ride on a visitor's session, before anything else
 * looks at them (middleware.ts, edge runtime: pure, no database). Pages, actions and route handlers
 * still check tenant and session themselves; this only turns hostile shapes into clean 4xx answers.
 */

export interface GuardedRequest {
  method: string;
  pathname: string;
  headers: { get(name: string): string | null };
}

export interface GuardOptions {
  /** A reverse proxy in front rewrites Host and passes the original in X-Forwarded-Host (TRUST_PROXY_HEADERS=1). */
  trustProxyHeaders: boolean;
}

export type Refusal = { status: 400 | 403 | 413; code: 'BAD_REQUEST' | 'FORBIDDEN' | 'PAYLOAD_TOO_LARGE'; message: string };

/** Server action bodies are capped at 2 MB by next.config.mjs; API bodies (webhooks, auth) are small. */
export const MAX_PAGE_BODY_BYTES = 2_500_000;
export const MAX_API_BODY_BYTES = 1_000_000;

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** This server's own origin, as Next.js addresses it when it renders an action's redirect in a second request. */
export function isLoopbackHost(host: string): boolean {
  return /^(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(:\d+)?$/i.test(host);
}

const normalise = (host: string) => host.trim().toLowerCase().replace(/\.(?=:\d+$|$)/, '');

/**
 * The host the request is for. X-Forwarded-Host counts only where it can be trusted: from this server's
 * own loopback origin (Next.js's internal second request keeps the visitor's host there) or behind a
 * proxy that says so. A client that sends a different one is refused.
 */
export function effectiveHost(headers: GuardedRequest['headers'], options: GuardOptions): { host: string } | Refusal {
  const host = headers.get('host')?.trim();
  if (!host) return { status: 400, code: 'BAD_REQUEST', message: 'The request names no host.' };
  const forwarded = headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  if (!forwarded || normalise(forwarded) === normalise(host)) return { host };
  if (options.trustProxyHeaders || isLoopbackHost(host)) return { host: forwarded };
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
  const method = request.method.toUpperCase();
  if (!UNSAFE_METHODS.has(method)) return null;

  const length = request.headers.get('content-length');
  const limit = request.pathname.startsWith('/api/') ? MAX_API_BODY_BYTES : MAX_PAGE_BODY_BYTES;
  if (length !== null && (!/^\d+$/.test(length.trim()) || Number(length) > limit)) {
    return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than ${Math.round(limit / 1_000_000 * 10) / 10} MB.` };
  }

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
