import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { httpRequest } from './http';

const SERVER_HOST = 'localhost';
const NEXT_BIN = path.join('node_modules', 'next', 'dist', 'bin', 'next');

/** The app's own `next` when it has a node_modules (the reference pages), else the project's: one copy of Next per server. */
const nextBin = (appDir: string) => (existsSync(path.join(appDir, NEXT_BIN)) ? path.join(appDir, NEXT_BIN) : path.join(process.cwd(), NEXT_BIN));

export function serverEnv(databaseUrl: string, rootDomain: string, authSecret: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    TENANT_DATABASE_URLS: '{}',
    PLATFORM_ROOT_DOMAIN: rootDomain,
    AUTH_SECRET: authSecret,
    NEXT_TELEMETRY_DISABLED: '1',
    // As `npm start` runs it: a bounded heap keeps RSS inside the memory budget (V8 would otherwise grow
    // its heap long before collecting on a machine with plenty of RAM).
    NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? '--max-old-space-size=420',
    // The production default, whatever this process runs at.
    LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'info',
    // The benchmark measures what one instance can serve; the per-shop rate limit would cap it.
    TENANT_RATE_LIMIT: process.env.BENCH_TENANT_RATE_LIMIT ?? 'off',
    // No Redis unless a scenario asks for it (catalog-warm-redis): the other figures are one instance's own.
    REDIS_URL: '',
    // Nothing leaves the machine: no email provider, no VAT registry.
    RESEND_API_KEY: '',
    VIES_ENABLED: '',
  };
}

// What `next build` needs of the project; tests, e2e, scripts and local data stay behind.
const APP_SOURCES = [
  'app',
  'components',
  'lib',
  'db',
  'emails',
  'inngest',
  'public',
  'middleware.ts',
  'proxy.ts',
  'instrumentation.ts',
  'next.config.mjs',
  'next.config.ts',
  'postcss.config.mjs',
  'tsconfig.json',
  'package.json',
];

/**
 * A private copy of the app's sources to build and serve, so the benchmark's `.next` never replaces the
 * one a developer's `next start` or an e2e run is serving from the same work tree (and theirs never
 * replaces ours mid-run). It sits in an ignored folder inside the project, so modules resolve from the
 * project's own node_modules.
 */
export function stageApp(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const name of APP_SOURCES) {
    rmSync(path.join(dir, name), { recursive: true, force: true });
    const from = path.join(process.cwd(), name);
    if (existsSync(from)) cpSync(from, path.join(dir, name), { recursive: true, filter: (src) => !src.endsWith('.test.ts') });
  }
  return dir;
}

/** Runs `next build`, its output in a log file; throws with the log's tail when it fails. */
export async function buildApp(appDir: string, env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [nextBin(appDir), 'build'], { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise((resolve) => log.end(resolve));
  if (code !== 0) {
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`next build failed (exit ${code}):\n${tail}`);
  }
}

export function hasBuild(appDir: string): boolean {
  return existsSync(path.join(appDir, '.next', 'BUILD_ID'));
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, 'localhost', () => probe.close(() => resolve(true)));
  });
}

export async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 100; port++) if (await portIsFree(port)) return port;
  throw new Error(`no free port in ${from}–${from + 99}`);
}

/**
 * `next start` bound to `bind` (loopback only by default), in its own process group so that stopping it
 * takes every child too.
 */
export function startServer(appDir: string, port: number, env: NodeJS.ProcessEnv, logFile: string, bind: string = SERVER_HOST): ChildProcess {
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [nextBin(appDir), 'start', '-p', String(port), '-H', bind], {
    cwd: appDir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

/** Waits for `/api/health`, asked at `address` (where the server listens). */
export async function waitUntilReady(port: number, child: ChildProcess, timeoutMs = 90_000, address = 'localhost'): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      const res = await httpRequest({ port, host: 'localhost', path: '/api/health', timeoutMs: 5000, address });
      if (res.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`next start did not answer within ${timeoutMs / 1000} s`);
}

/** Stops the server's whole process group: SIGTERM, then SIGKILL if it lingers. */
export async function stopServer(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const group = -child.pid;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(group, 'SIGTERM');
  } catch {
    return;
  }
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    try {
      process.kill(group, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Synchronous last resort for process exit handlers. */
export function killServerNow(child: ChildProcess | undefined): void {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
