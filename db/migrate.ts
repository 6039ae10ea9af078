import path from 'node:path';
import { isNotNull } from 'drizzle-orm';
import { log, redactUrl } from '@/lib/log';
import type { Connection } from './client';
import { DEFAULT_CONNECTION, type ConnectionRegistry } from './connection-registry';
import { tenants } from './schema';

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

export async function migrateConnection(conn: Connection): Promise<void> {
  if (conn.kind === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    // Each migrator wants its own driver's database type; both accept the shared drizzle surface.
    await migrate(conn.db as any, { migrationsFolder });
  } else {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(conn.db as any, { migrationsFolder });
  }
  log.info({ connection: conn.name, url: redactUrl(conn.url) }, 'migrations applied');
}

/** A dedicated PostgreSQL database is created on first use; PGlite creates its directory itself. */
export async function ensureDatabaseExists(registry: ConnectionRegistry, name: string): Promise<void> {
  const url = registry.urlFor(name);
  if (!/^postgres(ql)?:\/\//.test(url)) return;
  const dbName = decodeURIComponent(new URL(url).pathname.slice(1));
  const { default: postgres } = await import('postgres');
  const admin = postgres(registry.urlFor(DEFAULT_CONNECTION), { max: 1, onnotice: () => {} });
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

/** Connection names of every dedicated tenant database: those tenants point at plus those configured. */
export async function dedicatedConnectionNames(registry: ConnectionRegistry): Promise<string[]> {
  const { db } = await registry.get(DEFAULT_CONNECTION);
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
  const names = new Set([...(await dedicatedConnectionNames(registry)), ...extraNames]);
  for (const name of names) {
    await ensureDatabaseExists(registry, name);
    await migrateConnection(await registry.get(name));
  }
  return [DEFAULT_CONNECTION, ...names];
}
