/**
 * Debian's HAProxy (`/usr/sbin/haproxy`, installed by .ci/run) in front of app instances, as a process of
 * the test itself with a config written to a temporary directory.
 *
 * The settings that make an instance's death cost nothing but a retry:
 * - a health check on `/api/health` twice a second, one failure marks a server down (`fall 1`), and
 *   marking it down also cuts the connections still open to it (`on-marked-down shutdown-sessions`);
 * - `observe layer4` with `error-limit 1 on-error mark-down`: a refused or reset connection marks the
 *   server down at once, before the next health check;
 * - `retries 3` with `option redispatch 1`: every retry goes to another server;
 * - `retry-on conn-failure empty-response junk-response`: a request whose server died before answering
 *   (refused, reset, closed without a byte) is sent again, which is safe for the storefront's GETs. A
 *   response that had begun is never retried;
 * - a short `timeout connect`, so a server that vanished without a reset costs 250 ms, not seconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { canConnect } from './net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const HAPROXY_BINARY = '/usr/sbin/haproxy';

interface ProxiedServer {
  name: string;
  port: number;
}

export interface HaproxyOptions {
  port: number;
  servers: ProxiedServer[];
  /** false: a plain round-robin with none of the settings above (to see what they are for). */
  failover?: boolean;
}

export interface Haproxy {
  port: number;
  config: string;
  output(): string;
  stop(): Promise<void>;
}

function haproxyConfig({ port, servers, failover = true }: HaproxyOptions): string {
  const lines = [
    'global',
    '  maxconn 512',
    'defaults',
    '  mode http',
    '  option http-keep-alive',
    `  timeout connect ${failover ? '250ms' : '5s'}`,
    '  timeout client 30s',
    '  timeout server 30s',
    '  timeout check 2s',
    ...(failover ? ['  retries 3', '  option redispatch 1', '  retry-on conn-failure empty-response junk-response'] : ['  retries 0']),
    'frontend storefront',
    `  bind 127.0.0.1:${port}`,
    '  default_backend apps',
    'backend apps',
    '  balance roundrobin',
    // Which instance answered, for the tests (not something to send to visitors in production).
    '  http-response set-header x-served-by %[srv_name]',
    ...(failover
      ? [
          // Not host-routed, so any Host will do; 200 only when the instance reaches its database.
          '  option httpchk',
          '  http-check send meth GET uri /api/health ver HTTP/1.1 hdr Host localhost',
          '  http-check expect status 200',
          '  default-server check inter 500ms fastinter 250ms downinter 500ms fall 1 rise 2 observe layer4 error-limit 1 on-error mark-down on-marked-down shutdown-sessions',
        ]
      : []),
    ...servers.map((server) => `  server ${server.name} 127.0.0.1:${server.port}`),
  ];
  return `${lines.join('\n')}\n`;
}

export async function startHaproxy(options: HaproxyOptions): Promise<Haproxy> {
  if (!existsSync(HAPROXY_BINARY)) throw new Error(`${HAPROXY_BINARY} is not installed (apt-get install -y haproxy; .ci/run does it)`);
  const dir = mkdtempSync(path.join(tmpdir(), 'sf-haproxy-'));
  const config = haproxyConfig(options);
  const file = path.join(dir, 'haproxy.cfg');
  writeFileSync(file, config);
  // -db: in the foreground, not as a daemon, so that this process owns it.
  const child: ChildProcess = spawn(HAPROXY_BINARY, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  // Not left behind when the test run itself is ended.
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  void exited.then(() => (running = false));
  const deadline = Date.now() + 10_000;
  while (!(await canConnect(options.port))) {
    if (!running || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`haproxy did not start on port ${options.port}:\n${output}\n${config}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port: options.port,
    config,
    output: () => output,
    async stop() {
      process.removeListener('exit', onExit);
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
