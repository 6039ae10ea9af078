/**
 * One `next start` of the scale tests' build, bound where a test says, on its own copy of the seeded
 * PGlite database (or on the PostgreSQL database a test gives it), its log in test-results/scale/<name>.log.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { httpRequest, type HttpRequest, type HttpResponse } from '../../bench/http';
import { freePort, killServerNow, startServer, stopServer, waitUntilReady } from '../../bench/server';
import { appEnv, copyDatabase, SCALE_RESULTS } from './build';

export interface RunningApp {
  name: string;
  port: number;
  /** Where a client connects to reach the server (the bound address, loopback for a wildcard). */
  address: string;
  /** One request to this server; `host` is the Host header. */
  request(req: Omit<HttpRequest, 'port' | 'address'>): Promise<HttpResponse>;
  /** The end of the server's log, for failure messages. */
  logTail(lines?: number): string;
  stop(): Promise<void>;
  /** SIGKILL to the server's whole process group, as a crash or an OOM kill would end it; resolves once it is gone. */
  kill(): Promise<void>;
}

export interface AppOptions {
  /** Names the database copy and the log file. */
  name: string;
  /** `next start -H`. */
  bind: string;
  /** The first port to try. */
  port: number;
  env?: Record<string, string | undefined>;
  /** DATABASE_URL to serve (shared with other instances); default a private copy of the seeded PGlite database. */
  databaseUrl?: string;
}

/** A client reaches a wildcard bind on loopback, any other bind at its own address. */
function connectAddress(bind: string): string {
  if (bind === '0.0.0.0') return '127.0.0.1';
  if (bind === '::') return '::1';
  return bind;
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  const distDir = inject('scaleBuildDir');
  const port = await freePort(options.port);
  const address = connectAddress(options.bind);
  const logFile = path.join(SCALE_RESULTS, `${options.name}.log`);
  const env: NodeJS.ProcessEnv = { ...appEnv(distDir, options.databaseUrl ?? copyDatabase(options.name)), ...options.env };
  const child = startServer(process.cwd(), port, env, logFile, options.bind);
  const onExit = () => killServerNow(child);
  process.once('exit', onExit);
  try {
    await waitUntilReady(port, child, 60_000, address);
  } catch (error) {
    killServerNow(child);
    throw new Error(`${options.name} (next start -H ${options.bind}) did not start: ${String(error)}\n${tail(logFile, 30)}`);
  }
  return {
    name: options.name,
    port,
    address,
    request: (req) => httpRequest({ ...req, port, address }),
    logTail: (lines = 20) => tail(logFile, lines),
    async stop() {
      process.removeListener('exit', onExit);
      await stopServer(child);
    },
    async kill() {
      process.removeListener('exit', onExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      killServerNow(child);
      await exited;
    },
  };
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
