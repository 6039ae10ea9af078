import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createClient } from 'redis';
import { freePort } from './server';

/**
 * The Redis of the shared-cache scenario: BENCH_REDIS_URL if set, else a private `redis-server` on the
 * first free port from 6390 (nothing saved), else none and the scenario is skipped.
 */
let child: ChildProcess | undefined;

export async function benchRedis(): Promise<string | null> {
  if (process.env.BENCH_REDIS_URL) return process.env.BENCH_REDIS_URL;
  if (spawnSync('redis-server', ['--version']).status !== 0) return null;
  const port = await freePort(6390);
  child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 50; attempt++) {
    const client = createClient({ url, socket: { reconnectStrategy: false } });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.destroy();
      return url;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return null;
}

/** Only the render cache's keys: BENCH_REDIS_URL may be a Redis that holds other things. */
export async function clearSharedRenderCache(url: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: 'storefleet:render:*', COUNT: 1000 })) if (keys.length > 0) await client.unlink(keys);
  } finally {
    client.destroy();
  }
}

export function stopBenchRedis(): void {
  child?.kill('SIGKILL');
  child = undefined;
}
