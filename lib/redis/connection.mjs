import { createClient } from 'redis';

/**
 * The process's one Redis client (`REDIS_URL`), shared by every module graph of the process: the render
 * cache handler (loaded by the Next.js server itself, plain JavaScript), middleware and the app (bundled
 * separately) all reach the same client through globalThis. Lib code imports `lib/redis/client.ts`;
 * only the cache handler, which cannot load TypeScript, imports this file.
 *
 * Connected lazily, on first use, and reconnected forever with a capped back-off. Commands are never
 * queued while the connection is down (`disableOfflineQueue`): every caller has an in-memory fallback,
 * and a request must not wait for a Redis that is not there. Errors are reported to `onError` (the URL
 * without its password), never thrown at import or from `redis()`.
 */

const RECONNECT_MAX_DELAY_MS = 2_000;
const CONNECT_TIMEOUT_MS = 1_000;
/** Connection errors repeat on every reconnect attempt; one line per this interval is enough. */
const ERROR_LOG_INTERVAL_MS = 30_000;

/** @typedef {(event: string, fields: Record<string, unknown>) => void} RedisLogger */

/** The URL as it may appear in a log line: no password. */
function redactRedisUrl(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(unreadable url)';
  }
}

/** @type {RedisLogger} */
function defaultLogger(event, fields) {
  // The cache handler has no access to lib/log.ts; this is the same shape of JSON line.
  console.warn(JSON.stringify({ level: 40, time: Date.now(), service: 'storefleet', ...fields, msg: event }));
}

/**
 * @param {{ onError?: RedisLogger, env?: NodeJS.ProcessEnv }} [options]
 * @returns {import('redis').RedisClientType | null}
 */
export function sharedRedis(options = {}) {
  const url = (options.env ?? process.env).REDIS_URL?.trim();
  if (!url) return null;
  const g = /** @type {{ __storefleetRedis?: Map<string, any> }} */ (globalThis);
  g.__storefleetRedis ??= new Map();
  const existing = g.__storefleetRedis.get(url);
  if (existing) return existing;
  const log = options.onError ?? defaultLogger;
  const where = redactRedisUrl(url);
  let lastLogged = 0;
  let client;
  try {
    client = createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        reconnectStrategy: (retries) => Math.min(50 * 2 ** Math.min(retries, 6), RECONNECT_MAX_DELAY_MS),
      },
    });
  } catch (error) {
    log('redis client could not be created', { code: 'REDIS_UNAVAILABLE', redis: where, error: error instanceof Error ? error.message : String(error) });
    return null;
  }
  client.on('error', (error) => {
    const now = Date.now();
    if (now - lastLogged < ERROR_LOG_INTERVAL_MS) return;
    lastLogged = now;
    log('redis connection error', { code: 'REDIS_UNAVAILABLE', redis: where, error: error instanceof Error ? error.message : String(error) });
  });
  client.on('ready', () => {
    if (lastLogged) log('redis connection restored', { redis: where });
    lastLogged = 0;
  });
  client.connect().catch(() => {
    // Reported by the 'error' listener; the reconnect strategy keeps trying.
  });
  g.__storefleetRedis.set(url, client);
  return client;
}

/**
 * Resolves once `client` is ready, or after `ms` whatever its state: lets a process's first use wait
 * for the connection being made rather than count as an outage.
 * @param {import('redis').RedisClientType} client @param {number} ms
 */
export function whenReady(client, ms) {
  if (client.isReady) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve(client.isReady);
    };
    const timer = setTimeout(done, ms);
    client.on('ready', done);
  });
}

/** For tests: close and forget every client of this process. */
export async function closeSharedRedis() {
  const g = /** @type {{ __storefleetRedis?: Map<string, any> }} */ (globalThis);
  const clients = [...(g.__storefleetRedis?.values() ?? [])];
  g.__storefleetRedis?.clear();
  for (const client of clients) {
    try {
      client.destroy();
    } catch {
      // Already closed.
    }
  }
}
