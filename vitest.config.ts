import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // Tests are server code: the marker's empty module, as Next.js resolves it for server bundles.
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    environment: 'node',
    include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'inngest/**/*.test.ts', 'tests/**/*.test.ts', 'bench/*.test.ts'],
    exclude: ['node_modules', 'e2e', '.next'],
    // Each integration file boots its own database; PGlite takes a few seconds to start and migrate.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test' },
    setupFiles: ['tests/support/fast-check-seed.ts'],
    // next-auth imports `next/server` without an extension, which Node's ESM resolver refuses; let Vite resolve it.
    server: { deps: { inline: ['next-auth'] } },
  },
});
