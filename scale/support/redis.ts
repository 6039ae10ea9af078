/**
 * Debian's `redis-server` as a process of the test itself, on its own port, in memory only (no RDB
 * snapshot, no append-only file), stopped by `stop()`. Not the system service.
 */
import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';

export interface RedisServer {
  port: number;
  url: string;
  output(): string;
  stop(): Promise<void>;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let answer = '';
    socket.setTimeout(1_000, () => socket.destroy());
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) {
        socket.destroy();
        resolve(answer.startsWith('+PONG'));
      }
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

export async function startRedis(port: number): Promise<RedisServer> {
  if (await ping(port)) throw new Error(`Something already answers PING on 127.0.0.1:${port}; the scale tests start their own redis-server there`);
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  // Not left behind when the test run itself is ended.
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  child.once('error', (error) => (output += `\n${String(error)} (apt-get install -y redis-server; .ci/run does it)`));
  void exited.then(() => (running = false));
  const deadline = Date.now() + 10_000;
  while (!(await ping(port))) {
    if (!running || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start on port ${port}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      process.removeListener('exit', onExit);
      if (!running) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
