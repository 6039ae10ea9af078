import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:scale`: the app on real shared parts and as real processes: Debian's PgBouncer in front of
 * the PostgreSQL server in TEST_DATABASE_URL, the production build under `next start` bound to
 * different addresses, and two instances on one Redis behind Debian's HAProxy (scale/support/cluster.ts).
 * One file at a time, since each starts its own processes (and the same ports). The build and a seeded
 * PGlite database are made once for the whole run (scale/support/global-setup.ts); each cluster seeds a
 * PostgreSQL database of its own.
 */
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
    include: ['scale/**/*.test.ts'],
    globalSetup: ['scale/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    env: { NODE_ENV: 'test' },
    server: { deps: { inline: ['next-auth'] } },
  },
});
