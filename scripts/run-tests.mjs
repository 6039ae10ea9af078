#!/usr/bin/env node
/**
 * The one test command (`npm test`): unit and integration tests on the embedded database, the same
 * again on PostgreSQL when TEST_DATABASE_URL is set, then the browser tests. Ends with one summary line.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';

const outDir = 'test-results/summary';
mkdirSync(outDir, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedStages = [];

function run(label, command, args, env) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) failedStages.push(label);
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  totals.failed += stats?.unexpected ?? 0;
  totals.skipped += stats?.skipped ?? 0;
}

const vitestArgs = (name) => ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${outDir}/${name}.json`];

run('unit and integration tests (PGlite)', 'npx', vitestArgs('vitest-pglite'), { TEST_DATABASE_URL: '' });
countVitest(`${outDir}/vitest-pglite.json`);

if (process.env.TEST_DATABASE_URL) {
  run('integration tests (PostgreSQL)', 'npx', [...vitestArgs('vitest-postgres'), 'tests/'], {});
  countVitest(`${outDir}/vitest-postgres.json`);
}

if (!process.env.SKIP_E2E) {
  run('browser tests (Playwright, Chromium)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${outDir}/playwright.json`,
  });
  countPlaywright(`${outDir}/playwright.json`);
}

console.log(`\nFailed stages: ${failedStages.length ? failedStages.join(', ') : 'none'}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStages.length ? 1 : 0);
