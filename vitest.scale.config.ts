import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:scale`: tests that run the production build as real processes (`next start`, bound to
 * different addresses, several instances), one file at a time since each starts its own servers.
 * The build and a seeded database are made once for the whole run (scale/support/global-setup.ts).
 */
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    environment: 'node',
    include: ['scale/**/*.test.ts'],
    globalSetup: ['scale/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
