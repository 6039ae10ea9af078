/**
 * Several instances of the app on real shared parts, as production runs them (docs/several-instances.md):
 *
 * - a fresh PostgreSQL database, migrated and seeded with the demo shops (scale/support/postgres.ts);
 * - Debian's PgBouncer in transaction pooling in front of it: the instances' pools go through it
 *   (`DATABASE_POOLING=transaction`), their LISTEN and migrations straight to PostgreSQL
 *   (`DATABASE_DIRECT_URL`);
 * - its own `redis-server` (REDIS_URL): the render cache and the per-shop rate limit;
 * - two `next start` of the scale build, `a` bound to 127.0.0.1 and `b` to 0.0.0.0, each named by
 *   STOREFLEET_INSTANCE;
 * - optionally HAProxy in front of both (scale/support/haproxy.ts).
 *
 * Everything started is stopped by `stop()`, and by `startCluster` itself when a later part fails to start.
 */
import { startApp, type RunningApp } from './app';
import { appEnv } from './build';
import { httpRequest, type HttpRequest, type HttpResponse } from '../../bench/http';
import { freePort } from '../../bench/server';
import { startHaproxy, type Haproxy } from './haproxy';
import { startPgBouncer, type PgBouncer } from './pgbouncer';
import { createSeededDatabase, type ScaleDatabase } from './postgres';
import { testRedis, type TestRedis } from '../../tests/support/redis-server';

/** This suite's ports (45000–45999) and Redis port. */
const SCALE_PORTS = { appA: 45010, appB: 45110, proxy: 45210, pgbouncer: 45310 } as const;
const SCALE_REDIS_PORT = Number(process.env.SCALE_REDIS_PORT ?? 6385);

export interface ClusterOptions {
  /** Names the instances' log files (`<name>-a.log`, `<name>-b.log`). */
  name: string;
  /** TENANT_RATE_LIMIT of both instances; default off, so that a load test measures failover only. */
  tenantRateLimit?: string;
  /** HAProxy in front (default true). */
  proxy?: boolean;
  /** false: HAProxy without health checks, retries and redispatch (to see what they are for). */
  proxyFailover?: boolean;
  env?: Record<string, string>;
}

export interface Cluster {
  db: ScaleDatabase;
  redis: TestRedis;
  bouncer: PgBouncer;
  a: RunningApp;
  b: RunningApp;
  /** The proxy's port and one request through it, if started. */
  proxy?: Haproxy & { request(req: Omit<HttpRequest, 'port' | 'address'>): Promise<HttpResponse> };
  /** Logs of everything, for a failing assertion's message. */
  diagnostics(): string;
  stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const stoppers: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    const errors: unknown[] = [];
    for (const stop of stoppers.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'stopping the cluster failed');
  };
  try {
    const db = await createSeededDatabase(appEnv('.next-scale', ''));
    stoppers.push(() => db.drop());
    const redis = testRedis(SCALE_REDIS_PORT);
    await redis.start();
    stoppers.push(() => redis.stop());
    const bouncer = await startPgBouncer({
      serverUrl: db.url,
      poolSize: 10,
      ports: Array.from({ length: 10 }, (_, i) => SCALE_PORTS.pgbouncer + i),
    });
    stoppers.push(() => bouncer.stop());
    const instanceEnv = (instance: string): Record<string, string> => ({
      DATABASE_DIRECT_URL: db.url,
      DATABASE_POOLING: 'transaction',
      REDIS_URL: redis.url,
      STOREFLEET_INSTANCE: instance,
      TENANT_RATE_LIMIT: options.tenantRateLimit ?? 'off',
      ...options.env,
    });
    // One after the other: two cold starts at once on a 2-core machine only make both slower.
    const a = await startApp({
      name: `${options.name}-a`,
      bind: '127.0.0.1',
      port: SCALE_PORTS.appA,
      databaseUrl: bouncer.through(db.url),
      env: instanceEnv('a'),
    });
    stoppers.push(() => a.stop());
    const b = await startApp({
      name: `${options.name}-b`,
      bind: '0.0.0.0',
      port: SCALE_PORTS.appB,
      databaseUrl: bouncer.through(db.url),
      env: instanceEnv('b'),
    });
    stoppers.push(() => b.stop());
    let proxy: Cluster['proxy'];
    if (options.proxy ?? true) {
      const started = await startHaproxy({
        port: await freePort(SCALE_PORTS.proxy),
        failover: options.proxyFailover ?? true,
        servers: [
          { name: 'a', port: a.port },
          { name: 'b', port: b.port },
        ],
      });
      stoppers.push(() => started.stop());
      proxy = { ...started, request: (req) => httpRequest({ ...req, port: started.port, address: '127.0.0.1' }) };
    }
    return {
      db,
      redis,
      bouncer,
      a,
      b,
      proxy,
      diagnostics: () =>
        [
          `--- a (${a.port}) ---`,
          a.logTail(30),
          `--- b (${b.port}) ---`,
          b.logTail(30),
          '--- haproxy ---',
          proxy?.output() ?? '(none)',
          '--- pgbouncer ---',
          bouncer.output().split('\n').slice(-10).join('\n'),
        ].join('\n'),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll().catch(() => {});
    throw error;
  }
}
