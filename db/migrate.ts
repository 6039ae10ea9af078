import path from 'node:path';
import { isNotNull } from 'drizzle-orm';
import { log, redactUrl } from '@/lib/log';
import { LOCK_NAMESPACES } from './advisory-locks';
import type { Connection } from './client';
import { DatabaseConfigError, DEFAULT_CONNECTION, type ConnectionRegistry } from './connection-registry';
import { tenants } from './schema';

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

/**
 * Runs `work` while holding the migration lock of the database `conn` points at: a session advisory lock
 * (namespace `migrations`, key 0) in that database itself, on a connection of its own to the direct URL
 * (a session lock through a transaction-pooling bouncer would belong to whichever server connection the
 * statement happened to get). Two deploys migrating at once thus take turns per database: the second
 * waits, then finds nothing left to apply. The lock ends with its session, so a migrator that dies never
 * leaves it behind. PGlite has one process per database: nothing to take turns with.
 */
async function withMigrationLock<T>(conn: Connection, work: () => Promise<T>): Promise<T> {
  if (conn.kind === 'pglite') return work();
  const { default: postgres } = await import('postgres');
  const session = postgres(conn.directUrl, { max: 1, onnotice: () => {}, connection: { application_name: `storefleet:${conn.name}:migrations` } });
  const namespace = LOCK_NAMESPACES.migrations;
  try {
    const [got] = await session`select pg_try_advisory_lock(${namespace}::int4, 0) as locked`;
    if (!got?.locked) {
      log.info({ connection: conn.name }, 'waiting for another migration of this database to finish');
      await session`select pg_advisory_lock(${namespace}::int4, 0)`;
    }
    try {
      return await work();
    } finally {
      await session`select pg_advisory_unlock(${namespace}::int4, 0)`.catch(() => undefined);
    }
  } finally {
    await session.end({ timeout: 5 });
  }
}

/**
 * On the direct connection (DATABASE_DIRECT_URL), never through a bouncer: a migration takes locks and
 * may hold session state for longer than one statement, and DDL has no business queueing behind shoppers
 * for one of the bouncer's few server connections. Under the database's migration lock (above).
 */
export async function migrateConnection(conn: Connection): Promise<void> {
  await withMigrationLock(conn, async () => {
    if (conn.kind === 'pglite') {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      // Each migrator wants its own driver's database type; both accept the shared drizzle surface.
      // biome-ignore lint/suspicious/noExplicitAny: see above
      await migrate(conn.direct as any, { migrationsFolder });
    } else {
      const { migrate } = await import('drizzle-orm/postgres-js/migrator');
      // biome-ignore lint/suspicious/noExplicitAny: see above
      await migrate(conn.direct as any, { migrationsFolder });
    }
  });
  log.info({ connection: conn.name, url: redactUrl(conn.directUrl) }, 'migrations applied');
}

/** A dedicated PostgreSQL database is created on first use; PGlite creates its directory itself. */
export async function ensureDatabaseExists(registry: ConnectionRegistry, name: string): Promise<void> {
  const url = registry.directUrlFor(name);
  if (!/^postgres(ql)?:\/\//.test(url)) return;
  const dbName = decodeURIComponent(new URL(url).pathname.slice(1));
  const { default: postgres } = await import('postgres');
  const admin = postgres(registry.directUrlFor(DEFAULT_CONNECTION), { max: 1, onnotice: () => {} });
  try {
    const found = await admin`select 1 from pg_database where datname = ${dbName}`;
    if (found.length === 0) {
      try {
        await admin.unsafe(`create database "${dbName.replace(/"/g, '""')}"`);
        log.info({ database: dbName }, 'dedicated database created');
      } catch (error) {
        // Another migrator (a second deploy) created it a moment ago: that is what was wanted.
        if ((error as { code?: string }).code !== '42P04' && (error as { code?: string }).code !== '23505') throw error;
      }
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/**
 * Connection names of every dedicated tenant database: those tenants point at plus those configured.
 * `via: 'direct'` reads them without the bouncer, so that migrations need nothing but the direct URLs.
 */
export async function dedicatedConnectionNames(registry: ConnectionRegistry, via: 'pooled' | 'direct' = 'pooled'): Promise<string[]> {
  const connection = await registry.get(DEFAULT_CONNECTION);
  const db = via === 'direct' ? connection.direct : connection.db;
  const rows = await db.selectDistinct({ name: tenants.dedicatedDatabase }).from(tenants).where(isNotNull(tenants.dedicatedDatabase));
  const names = new Set(Object.keys(registry.config.dedicatedUrls));
  for (const row of rows) if (row.name) names.add(row.name);
  return [...names].sort();
}

const DEFAULT_MIGRATION_CONCURRENCY = 4;

/** `MIGRATION_CONCURRENCY`: how many dedicated databases are migrated at once (default 4). */
export function migrationConcurrency(env: Record<string, string | undefined> = process.env): number {
  const raw = env.MIGRATION_CONCURRENCY?.trim();
  if (!raw) return DEFAULT_MIGRATION_CONCURRENCY;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 64) {
    throw new DatabaseConfigError(`MIGRATION_CONCURRENCY: ${JSON.stringify(raw)} is not a whole number from 1 to 64 (databases migrated at once).`);
  }
  return value;
}

export interface MigrateAllOptions {
  /** Dedicated databases migrated at once; default `MIGRATION_CONCURRENCY`. */
  concurrency?: number;
  /** Called as each dedicated database starts and ends (tests, progress output). */
  onDatabase?: (name: string, phase: 'start' | 'done' | 'failed') => void;
}

/**
 * Brings the default database and every dedicated one to the latest schema. Safe to run repeatedly, and
 * from two deploys at once (each database is migrated under its own lock, see `migrateConnection`).
 * The default database goes first: it lists the dedicated ones, and its schema is what the app needs to
 * start. The dedicated databases follow in parallel, `concurrency` at a time, so the run takes about
 * (databases / concurrency) migrations rather than the sum of all. One that fails (unreachable, a
 * migration error) is logged and does not stop the others; the run then rejects naming every failed
 * database, so a deploy does not go on as if all were current.
 */
export async function migrateAll(registry: ConnectionRegistry, extraNames: string[] = [], options: MigrateAllOptions = {}): Promise<string[]> {
  await migrateConnection(await registry.get(DEFAULT_CONNECTION));
  const names = [...new Set([...(await dedicatedConnectionNames(registry, 'direct')), ...extraNames])];
  const concurrency = options.concurrency ?? migrationConcurrency();
  const failed: Array<{ name: string; error: unknown }> = [];
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++]!;
      options.onDatabase?.(name, 'start');
      try {
        await ensureDatabaseExists(registry, name);
        await migrateConnection(await registry.get(name));
        options.onDatabase?.(name, 'done');
      } catch (error) {
        failed.push({ name, error });
        log.error({ connection: name, err: error }, 'migrating a dedicated database failed; the others go on');
        options.onDatabase?.(name, 'failed');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, names.length) }, worker));
  if (failed.length > 0) {
    const list = failed
      .map((f) => f.name)
      .sort()
      .join(', ');
    throw new AggregateError(
      failed.map((f) => f.error),
      `migrations failed for ${failed.length} dedicated database(s): ${list}; the others are current`,
    );
  }
  return [DEFAULT_CONNECTION, ...names];
}
