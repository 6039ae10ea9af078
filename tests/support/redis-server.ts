import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';

/**
 * A private `redis-server` for a test file (never the shared one on 6379): nothing saved, stopped and
 * started again at will to play an outage. REDIS_TEST_PORT picks the port (default 6382).
 */
export interface TestRedis {
  url: string;
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function testRedis(port = Number(process.env.REDIS_TEST_PORT ?? 6382)): TestRedis {
  let child: ChildProcess | null = null;
  const killOnExit = () => child?.kill('SIGKILL');
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      if (child) return;
      if (await answers(port)) throw new Error(`port ${port} is taken by another Redis; a test needs its own`);
      const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      child = started;
      let failure = '';
      started.once('error', (error) => (failure = `${String(error)} (apt-get install -y redis-server)`));
      // Not left behind when the test run itself is ended.
      process.once('exit', killOnExit);
      for (let attempt = 0; attempt < 200 && !failure && started.exitCode === null; attempt++) {
        if (await answers(port)) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await this.stop();
      throw new Error(`redis-server did not start on port ${port}${failure ? `: ${failure}` : ''}`);
    },
    async stop() {
      const running = child;
      child = null;
      process.removeListener('exit', killOnExit);
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGKILL');
      });
    },
  };
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => socket.write('PING\r\n'));
    socket.setTimeout(1_000, () => socket.destroy());
    socket.once('close', () => resolve(false));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}
