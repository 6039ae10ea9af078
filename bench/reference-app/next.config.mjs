/**
 * The reference pages' app: Next's defaults, with the two settings of the storefront's config that change
 * how a page is served (postgres.js loaded from node_modules, no X-Powered-By header). No middleware, no
 * cache handler, no headers: what the framework itself costs per request.
 */
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ['postgres'],
  poweredByHeader: false,
};

export default nextConfig;
