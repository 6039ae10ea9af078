import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { canConnect } from './net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Debian's `pgbouncer` (installed by .ci/run) as a process of the test itself, in front of the
 * PostgreSQL server of a `postgres://` URL: its own ini, auth file and port, stopped by `stop()`. Not
 * the system service, which is never started.
 */
export interface PgBouncer {
  port: number;
  version: string;
  /** `url` (a URL of the PostgreSQL server) with the bouncer's host and port instead. */
  through(url: string): string;
  /** What the bouncer logged so far (stderr), for a failing assertion's message. */
  output(): string;
  stop(): Promise<void>;
}

export interface PgBouncerOptions {
  /** Any URL of the PostgreSQL server: host, port and user are taken from it. Every database on it is served. */
  serverUrl: string;
  poolMode?: 'session' | 'transaction';
  /** Server connections per database and user. */
  poolSize?: number;
  /** Ports tried in order; the first free one is used. */
  ports?: number[];
}

const BINARIES = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'];

export function pgbouncerBinary(): string | undefined {
  return BINARIES.find((candidate) => existsSync(candidate));
}

function versionOf(binary: string): string {
  const out = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  const match = /PgBouncer (\d+\.\d+(?:\.\d+)?)/.exec(`${out.stdout}${out.stderr}`);
  if (!match) throw new Error(`Cannot read the version of ${binary}: ${out.stdout}${out.stderr}`);
  return match[1]!;
}

function atLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export async function startPgBouncer(options: PgBouncerOptions): Promise<PgBouncer> {
  const binary = pgbouncerBinary();
  if (!binary) throw new Error('pgbouncer is not installed (apt-get install -y pgbouncer; .ci/run does it)');
  const version = versionOf(binary);
  const server = new URL(options.serverUrl);
  const user = decodeURIComponent(server.username || 'postgres');
  let port: number | undefined;
  for (const candidate of options.ports ?? [6432, 6433, 6434, 6435, 6436, 6437, 6438, 6439, 6440]) {
    if (await portIsFree(candidate)) {
      port = candidate;
      break;
    }
  }
  if (!port) throw new Error('No free port for pgbouncer');

  const dir = mkdtempSync(path.join(tmpdir(), 'sf-pgbouncer-'));
  // PgBouncer refuses to run as root; started as root it switches to `nobody`, who must read these files.
  chmodSync(dir, 0o755);
  const authFile = path.join(dir, 'users.txt');
  writeFileSync(authFile, `"${user}" "${decodeURIComponent(server.password)}"\n`, { mode: 0o644 });
  const ini = [
    '[databases]',
    // A wildcard: each database the clients ask for is the same-named one on the server (dedicated ones too).
    `* = host=${server.hostname} port=${server.port || 5432}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    'unix_socket_dir =',
    `auth_type = ${server.password ? 'plain' : 'trust'}`,
    `auth_file = ${authFile}`,
    `admin_users = ${user}`,
    `pool_mode = ${options.poolMode ?? 'transaction'}`,
    `default_pool_size = ${options.poolSize ?? 2}`,
    'max_client_conn = 200',
    // 1.21+ can carry protocol-level prepared statements; 0 turns that off, so that they break as on
    // every older PgBouncer (Debian 12 ships 1.18, which has no such setting and refuses the line).
    ...(atLeast(version, 1, 21) ? ['max_prepared_statements = 0'] : []),
    ...(process.getuid?.() === 0 ? ['user = nobody'] : []),
  ].join('\n');
  const iniFile = path.join(dir, 'pgbouncer.ini');
  writeFileSync(iniFile, `${ini}\n`, { mode: 0o644 });

  const child: ChildProcess = spawn(binary, [iniFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => (running = false));

  const deadline = Date.now() + 10_000;
  while (!(await canConnect(port))) {
    if (!running || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`pgbouncer did not start on port ${port}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    port,
    version,
    through(url: string) {
      const routed = new URL(url);
      routed.hostname = '127.0.0.1';
      routed.port = String(port);
      return routed.toString();
    },
    output: () => output,
    async stop() {
      if (running) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
