import { fileURLToPath } from 'node:url';

const production = process.env.NODE_ENV === 'production';

/**
 * Headers for every page (API routes set their own). Next.js inlines its hydration scripts and the
 * shops' colours are inline style variables, hence 'unsafe-inline' for scripts and styles; everything
 * else is this origin only, and no other site may frame a page (clickjacking on checkout or the dashboard).
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${production ? '' : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  `connect-src 'self'${production ? '' : ' ws: wss:'}`,
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(self)' },
  // Browsers ignore it over plain HTTP; behind TLS it keeps every later visit on HTTPS.
  ...(production ? [{ key: 'Strict-Transport-Security', value: 'max-age=31536000' }] : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [{ source: '/((?!api/).*)', headers: securityHeaders }];
  },
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled;
  // the Redis client and the rate limiter are loaded from there too, so the app, middleware and the
  // cache handler share one copy (and one connection) per process.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'redis', 'rate-limiter-flexible'],
  // Tenant storefronts are served on *.localhost in development; let their pages load dev assets.
  allowedDevOrigins: ['*.localhost'],
  poweredByHeader: false,
  // Middleware sees the request as the router addressed it: `request.url` carries the server's own origin
  // (the -H address), and a rewrite built from it is served in-process however the server is bound.
  // Normalised, loopback addresses turn into `localhost` and Next proxies such a rewrite back to itself
  // (lib/tenancy/rewrite-url.ts). Middleware strips the router's `_rsc` parameter itself.
  skipProxyUrlNormalize: true,
  // The render cache: bounded in memory, shared through Redis when REDIS_URL is set, and dropping a
  // shop's pages when the shop changes (lib/cache/render-cache-handler.mjs, docs/render-cache.md).
  // Next's own memory layer is off so pages are not held twice.
  cacheHandler: fileURLToPath(new URL('./lib/cache/render-cache-handler.mjs', import.meta.url)),
  cacheMaxMemorySize: 0,
  // How long a render-cache page may be served stale (Next's default is a year, also sent to CDNs as
  // stale-while-revalidate). Past it the next visitor waits for a fresh render. Storefront pages go out
  // with middleware's own short Cache-Control (lib/tenancy/cached-storefront.ts) whatever this says.
  expireTime: 600,
  // Browser-test servers on other ports build into their own directory, so two runs never share a build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  images: { unoptimized: true },
  experimental: {
    // A price CSV may be up to 1 MB (the import refuses more); leave room for the form around it. The
    // request guard refuses larger bodies with a 413 first (MAX_PAGE_BODY_BYTES, the same 2 MiB).
    serverActions: { bodySizeLimit: '2mb' },
    // How much of a body Next.js copies for the middleware, which counts a body sent without
    // Content-Length and refuses it past its route's limit. A copy is cut off silently at this size, so
    // it is kept a whole 1 MiB above every route's limit: a body cut off here is always one that is refused.
    proxyClientMaxBodySize: '3mb',
  },
};

export default nextConfig;
