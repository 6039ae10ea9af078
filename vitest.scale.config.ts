import path from 'node:path';
import { defineConfig } from 'vitest/config';

/** `npm run test:scale`: the app on real shared parts (PgBouncer, …), against the server in TEST_DATABASE_URL. */
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    environment: 'node',
    include: ['scale/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // One file at a time: each starts its own processes on fixed ports.
    fileParallelism: false,
    env: { NODE_ENV: 'test' },
    server: { deps: { inline: ['next-auth'] } },
  },
});
