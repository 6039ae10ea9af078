import type { RedisClientType } from 'redis';
import { log } from '@/lib/log';
import { sharedRedis } from './connection.mjs';

/**
 * Redis, the layer several app instances share when `REDIS_URL` is set (the render cache and the
 * per-shop rate limit). Without it there is no Redis anywhere and everything stays in memory.
 * `getRedis()` is null then; otherwise one lazily connected client per process that reconnects on its
 * own. It never throws: callers treat a client that is not `isReady` as absent and fall back to memory.
 */
export function getRedis(): RedisClientType | null {
  return sharedRedis({
    onError: (event, fields) => log.warn(fields, event),
  }) as RedisClientType | null;
}
