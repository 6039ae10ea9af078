import { createClient, type RedisClientType } from 'redis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testRedis } from '@/tests/support/redis-server';
import { createTenantLimiter, type TenantLimiter } from './tenant-rate-limit';

/** Two app instances, each with its own Redis connection and limiter, sharing one Redis. */
const redis = testRedis();
let clients: RedisClientType[] = [];

async function connect(): Promise<RedisClientType> {
  const client = createClient({ url: redis.url, disableOfflineQueue: true, socket: { reconnectStrategy: () => 100 } }) as RedisClientType;
  client.on('error', () => {});
  await client.connect();
  clients.push(client);
  return client;
}

async function admitted(limiter: TenantLimiter, host: string, n: number): Promise<number> {
  let count = 0;
  for (let i = 0; i < n; i++) if ((await limiter.admit(host)).allowed) count++;
  return count;
}

beforeAll(() => redis.start());
afterAll(async () => {
  for (const client of clients) client.destroy();
  clients = [];
  await redis.stop();
});
beforeEach(async () => {
  const admin = await connect();
  await admin.flushAll();
});

describe('tenant rate limit shared through Redis', () => {
  // Long enough that no window turns over while the test runs.
  const limit = { perSecond: 2, burst: 40 };

  // At once a shop gets the second's 2 and the burst of 40: 42.
  it('holds across instances: together they admit one burst, not one each', async () => {
    const a = createTenantLimiter(limit, { redis: await connect() });
    const b = createTenantLimiter(limit, { redis: await connect() });
    const fromA = await admitted(a, 'flood.example', 30);
    const fromB = await admitted(b, 'flood.example', 30);
    expect(fromA).toBe(30);
    expect(fromA + fromB).toBe(42);
    const refusal = await b.admit('flood.example');
    expect(refusal.allowed).toBe(false);
    expect(await admitted(a, 'calm.example', 10)).toBe(10); // another shop is untouched
  });

  it('prefetches on one instance leave half the burst for clicks on the other', async () => {
    const a = createTenantLimiter(limit, { redis: await connect() });
    const b = createTenantLimiter(limit, { redis: await connect() });
    let prefetches = 0;
    for (let i = 0; i < 42; i++) if ((await a.admit('shop.example', { keep: 20 })).allowed) prefetches++;
    expect(prefetches).toBe(22);
    expect(await admitted(b, 'shop.example', 42)).toBe(20);
  });

  it('with Redis down, each instance limits on its own and no request fails', async () => {
    const a = createTenantLimiter(limit, { redis: await connect() });
    const b = createTenantLimiter(limit, { redis: await connect() });
    await redis.stop();
    try {
      expect(await admitted(a, 'flood.example', 50)).toBe(42);
      expect(await admitted(b, 'flood.example', 50)).toBe(42);
    } finally {
      await redis.start();
    }
  });
});
