/**
 * The production build and the seeded database every scale test serves, made once per run
 * (scale/support/global-setup.ts).
 *
 * The build goes to SCALE_BUILD_DIR (`.next-scale` unless set), so it never replaces the `.next` a
 * developer's server or the browser tests serve. With SCALE_REUSE_BUILD=1 an existing build there is
 * served as it is: `.ci/run` passes `SCALE_BUILD_DIR=.next` to serve the build the browser tests just made.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { buildApp } from '../../bench/server';

export const SCALE_RESULTS = 'test-results/scale';
const DATA_DIR = '.data';
const TEMPLATE = 'scale-template';

/** The environment the app is built and served with, on a PGlite database at `databaseUrl`. */
export function appEnv(distDir: string, databaseUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: databaseUrl,
    TENANT_DATABASE_URLS: '{}',
    PLATFORM_ROOT_DOMAIN: 'localhost',
    AUTH_SECRET: 'scale-tests-only-secret-0123456789abcdef',
    PAYMENT_SANDBOX_WEBHOOK_SECRET: 'scale-tests-only-sandbox-secret',
    LOG_LEVEL: process.env.SCALE_LOG_LEVEL ?? 'warn',
    // Nothing leaves the machine: no email provider, no VAT registry, no workflow engine.
    RESEND_API_KEY: '',
    VIES_ENABLED: '',
    OUTBOX_RELAY_IN_PROCESS: '0',
  };
  // Links follow the port each server listens on (`next start -p`), as in the browser tests.
  for (const name of [
    'PUBLIC_URL_SCHEME',
    'PUBLIC_PORT',
    'INNGEST_DEV',
    'INNGEST_BASE_URL',
    'INNGEST_EVENT_KEY',
    'INNGEST_SIGNING_KEY',
    'TRUST_PROXY_HEADERS',
    'PORT',
  ])
    delete env[name];
  return env;
}

/**
 * Builds the app into `distDir` unless SCALE_REUSE_BUILD=1 and a build is there. A build into a
 * directory other than `.next` makes Next add that directory's types to tsconfig.json (and may touch
 * next-env.d.ts): both are put back as they were.
 */
export async function ensureBuild(distDir: string, databaseUrl: string): Promise<{ reused: boolean }> {
  // The servers' logs go here whether or not this run builds (a clean checkout has no test-results/).
  mkdirSync(SCALE_RESULTS, { recursive: true });
  if (process.env.SCALE_REUSE_BUILD === '1' && existsSync(path.join(distDir, 'BUILD_ID'))) return { reused: true };
  const kept = ['tsconfig.json', 'next-env.d.ts'].filter((file) => existsSync(file)).map((file) => [file, readFileSync(file, 'utf8')] as const);
  try {
    await buildApp(process.cwd(), appEnv(distDir, databaseUrl), path.join(SCALE_RESULTS, 'build.log'));
  } finally {
    for (const [file, text] of kept) if (readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
  }
  return { reused: false };
}

const databaseDirs = (name: string) => (existsSync(DATA_DIR) ? readdirSync(DATA_DIR).filter((entry) => entry === name || entry.startsWith(`${name}--`)) : []);

function removeDatabase(name: string): void {
  for (const entry of databaseDirs(name)) rmSync(path.join(DATA_DIR, entry), { recursive: true, force: true });
}

/** Migrates and seeds a fresh PGlite database with the demo shops (the smallest catalog the seed takes). */
export async function seedTemplate(): Promise<string> {
  removeDatabase(TEMPLATE);
  const url = `pglite://${DATA_DIR}/${TEMPLATE}`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './scripts/server-only-hook.mjs', 'db/setup.ts', '--articles', '300'], {
    env: { ...appEnv('.next-scale', url), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`seeding the scale tests' database failed (exit ${code})`);
  return url;
}

/**
 * A private copy of the seeded database (PGlite is opened by one process only, so every server gets its
 * own), with its dedicated tenant databases (`<dir>--<name>`). Returns its DATABASE_URL.
 */
export function copyDatabase(name: string): string {
  const target = `scale-${name}`;
  removeDatabase(target);
  for (const entry of databaseDirs(TEMPLATE)) cpSync(path.join(DATA_DIR, entry), path.join(DATA_DIR, entry.replace(TEMPLATE, target)), { recursive: true });
  return `pglite://${DATA_DIR}/${target}`;
}
