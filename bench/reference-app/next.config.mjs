import { fileURLToPath } from 'node:url';

// Its own folder is the workspace root: with the project's root, Turbopack would build the storefront's
// middleware.ts and instrumentation.ts into the reference too. The benchmark puts a hard-linked copy of the
// project's node_modules beside it (bench/references.ts), so the versions are the project's.
const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The reference pages' app: Next's defaults, with the two settings of the storefront's config that change
 * how a page is served (postgres.js loaded from node_modules, no X-Powered-By header). No middleware, no
 * cache handler, no headers: what the framework itself costs per request.
 */
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ['postgres'],
  poweredByHeader: false,
  turbopack: { root },
  outputFileTracingRoot: root,
};

export default nextConfig;
