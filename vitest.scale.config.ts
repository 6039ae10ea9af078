import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:scale`: the app on real shared parts and as real processes: Debian's PgBouncer in front of
 * the PostgreSQL server in TEST_DATABASE_URL, and the production build under `next start` bound to
 * different addresses. One file at a time, since each starts its own processes. The build and a seeded
 * database are made once for the whole run (scale/support/global-setup.ts).
 */
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
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
