import type { KnipConfig } from 'knip';

/**
 * Unused files, exports and dependencies (`npm run lint`). The framework and test-runner plugins find most
 * entry points: Next.js (app router, middleware, instrumentation, next.config), Vitest (both configs), Playwright
 * (both configs), drizzle-kit and the npm scripts. Listed here are the ones only a shell script, a spawned
 * process or a config string names.
 */
const config: KnipConfig = {
  entry: [
    // CLIs run by npm scripts, scripts/e2e-server.sh or spawned by the scale and resilience harnesses.
    'tests/support/*-cli.ts',
    'resilience/support/set-warehouse.ts',
    'scripts/*.{mjs,ts}',
    // Run by hand (docs/performance.md).
    'bench/session-read.ts',
    // The benchmark's reference pages: a Next app of their own, built by bench/references.ts.
    'bench/reference-app/**/*.{mjs,ts,tsx}',
  ],
  project: ['**/*.{ts,tsx,mjs,css}'],
  vitest: { config: ['vitest.config.ts', 'vitest.scale.config.ts'] },
  playwright: { config: ['playwright.config.ts', 'playwright.resilience.config.ts'] },
  // app/globals.css imports Tailwind and the font package; read its `@import`s as imports.
  compilers: {
    css: (text: string) => [...text.matchAll(/@import\s+['"]([^'"]+)['"]/g)].map(([, name]) => `import '${name}';`).join('\n'),
  },
  // Debian's redis-server, installed by .ci/run, started by the tests and the benchmark.
  ignoreBinaries: ['redis-server'],
};

export default config;
