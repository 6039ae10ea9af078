import path from 'node:path';
import { isNotNull } from 'drizzle-orm';
import { log, redactUrl } from '@/lib/log';
import type { Connection } from './client';
import { DEFAULT_CONNECTION, type ConnectionRegistry } from './connection-registry';
import { tenants } from './schema';

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

/**
 * On the direct connection (DATABASE_DIRECT_URL), never through a bouncer: a migration takes locks and
 * may hold session state for longer than one statement, and DDL has no business queueing behind shoppers
 * for one of the bouncer's few server connections.
 */
export async function migrateConnection(conn: Connection): Promise<void> {
  if (conn.kind === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    // Each migrator wants its own driver's database type; both accept the shared drizzle surface.
    await migrate(conn.direct as any, { migrationsFolder });
  } else {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(conn.direct as any, { migrationsFolder });
  }
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
      await admin.unsafe(`create database "${dbName.replace(/"/g, '""')}"`);
      log.info({ database: dbName }, 'dedicated database created');
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
  const rows = await db
    .selectDistinct({ name: tenants.dedicatedDatabase })
    .from(tenants)
    .where(isNotNull(tenants.dedicatedDatabase));
  const names = new Set(Object.keys(registry.config.dedicatedUrls));
  for (const row of rows) if (row.name) names.add(row.name);
  return [...names].sort();
}

/** Brings the default database and every dedicated one to the latest schema. Safe to run repeatedly. */
export async function migrateAll(registry: ConnectionRegistry, extraNames: string[] = []): Promise<string[]> {
  await migrateConnection(await registry.get(DEFAULT_CONNECTION));
  const names = new Set([...(await dedicatedConnectionNames(registry, 'direct')), ...extraNames]);
  for (const name of names) {
    await ensureDatabaseExists(registry, name);
    await migrateConnection(await registry.get(name));
  }
  return [DEFAULT_CONNECTION, ...names];
}
