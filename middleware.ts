import { NextResponse, type NextRequest } from 'next/server';
import { CACHED_STOREFRONT_CACHE_CONTROL, cachedStorefrontPath } from '@/lib/tenancy/cached-storefront';
import { internalPath, PUBLIC_PATH_HEADER } from '@/lib/tenancy/internal-path';
import { parseHost, requestHost } from '@/lib/tenancy/parse-host';
import { internalRewriteUrl, publicRequestUrl } from '@/lib/tenancy/rewrite-url';
import { checkRequestBody } from '@/lib/tenancy/request-body-check';
import { guardRequest, type Refusal } from '@/lib/tenancy/request-guard';
import { getRedis } from '@/lib/redis/client';
import { createTenantLimiter, isPrefetch, parseTenantRateLimit, type TenantLimiter } from '@/lib/tenancy/tenant-rate-limit';

const REFUSAL_DELAY_MS = 1_000;

/** One limit per shop host (TENANT_RATE_LIMIT, read once): across every instance with REDIS_URL, else per instance. */
let shopRate: { limiter: TenantLimiter; keepForClicks: number } | undefined;
function shopRateLimit() {
  if (!shopRate) {
    const limit = parseTenantRateLimit(process.env.TENANT_RATE_LIMIT);
    const redis = limit.perSecond > 0 ? getRedis() : null;
    shopRate = { limiter: createTenantLimiter(limit, { redis }), keepForClicks: limit.burst / 2 };
  }
  return shopRate;
}
const TOO_BUSY =
  '<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Busy</title><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:20vh auto;padding:0 1rem;text-align:center"><h1>This shop is very busy right now</h1><p>Please try again in a moment.</p></body></html>';

/**
 * Routes by host only: no database, no session. It rewrites every request into an internal segment
 * (`/platform`, `/admin`, `/shop/<host>`, `/dashboard/<host>`, and `/shop-cache/<host>` for the pages a
 * signed-out visitor gets from the render cache), so those segments can never be requested directly: a
 * request for `/shop/...` on any host is itself prefixed and lands on a 404. It is not a security
 * boundary: pages, actions and route handlers check tenant and session themselves.
 */
function refusalResponse(refusal: Refusal): NextResponse {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (refusal.status === 405) headers.Allow = refusal.allow;
  return NextResponse.json({ code: refusal.code, message: refusal.message }, { status: refusal.status, headers });
}

export async function middleware(request: NextRequest) {
  const { method, headers: requestHeaders } = request;
  // Not request.nextUrl: its origin is not always the server's own, and a rewrite to another origin is
  // proxied instead of served (lib/tenancy/rewrite-url.ts).
  const publicUrl = publicRequestUrl(request.url);
  const { pathname, search } = publicUrl;
  const refusal =
    guardRequest({ method, pathname, search, headers: requestHeaders }, { trustProxyHeaders: process.env.TRUST_PROXY_HEADERS === '1' }) ??
    (await checkRequestBody({ method, pathname, headers: requestHeaders, body: request.body }));
  if (refusal) return refusalResponse(refusal);
  // API routes are guarded but not host-routed: they resolve the tenant themselves.
  if (pathname.startsWith('/api/')) return NextResponse.next();
  const target = parseHost(requestHost(request.headers), process.env.PLATFORM_ROOT_DOMAIN);
  if (target.kind === 'tenant') {
    // One shop's flood is answered here with a cheap 429, before it costs the other shops any rendering.
    const { limiter, keepForClicks } = shopRateLimit();
    const prefetch = isPrefetch(request.headers);
    const admission = await limiter.admit(target.host, prefetch ? { keep: keepForClicks } : {});
    if (!admission.allowed) {
      // Held a moment before it goes: a client that ignores Retry-After and asks again at once would
      // otherwise turn even these cheap answers into a flood of their own. Waiting costs no CPU.
      await new Promise((resolve) => setTimeout(resolve, REFUSAL_DELAY_MS));
      return new NextResponse(prefetch ? null : TOO_BUSY, {
        status: 429,
        headers: { 'Retry-After': String(admission.retryAfterSeconds), 'Cache-Control': 'no-store', 'Content-Type': 'text/html; charset=utf-8' },
      });
    }
  }
  const cached =
    target.kind === 'tenant'
      ? cachedStorefrontPath(target.host, {
          method: request.method,
          pathname,
          search: publicUrl.searchParams,
          cookieNames: request.cookies.getAll().map((c) => c.name),
        })
      : null;
  if (cached) {
    // Next keeps a Cache-Control already on the response, so this one is what a CDN sees, 200 or 404.
    return NextResponse.rewrite(internalRewriteUrl(publicUrl, cached), { headers: { 'Cache-Control': CACHED_STOREFRONT_CACHE_CONTROL } });
  }
  // The public path, for pages that send a signed-out visitor to sign in and back (always overwritten,
  // so a client cannot choose it).
  const headers = new Headers(request.headers);
  headers.set(PUBLIC_PATH_HEADER, `${pathname}${search}`);
  return NextResponse.rewrite(internalRewriteUrl(publicUrl, internalPath(target, pathname)), { request: { headers } });
}

export const config = {
  // Node.js, not the edge runtime: the shared rate limit talks to Redis over TCP (lib/redis/client.ts).
  runtime: 'nodejs',
  // Framework assets and files at the root (favicon, robots) are neither guarded nor host-routed.
  matcher: ['/((?!_next/|favicon\\.ico|robots\\.txt|fonts/).*)'],
};
