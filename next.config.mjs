/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres'],
  // Tenant storefronts are served on *.localhost in development; let their pages load dev assets.
  allowedDevOrigins: ['*.localhost'],
  poweredByHeader: false,
  // Browser-test servers on other ports build into their own directory, so two runs never share a build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  images: { unoptimized: true },
  // A price CSV may be up to 1 MB (the import refuses more); leave room for the form around it.
  experimental: { serverActions: { bodySizeLimit: '2mb' } },
};

export default nextConfig;
