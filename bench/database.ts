import { drizzle } from 'drizzle-orm/postgres-js';
import type { Database } from '@/db/client';
import * as schema from '@/db/schema';
import { refreshCatalogSummaries } from '@/lib/catalog/catalog-summary';
import postgres from 'postgres';
import { ConnectionRegistry } from '@/db/connection-registry';
import { migrateAll } from '@/db/migrate';

export type Sql = postgres.Sql;

/** What was seeded; a database whose marker differs is dropped and seeded again. */
export interface ScaleMarker {
  version: number;
  articles: number;
  tenants: number;
  pricesPerTenant: number;
}

// Bump when the seeder changes what it writes, so old benchmark databases are reseeded.
export const SEED_VERSION = 1;

export function connect(url: string, max = 4): Sql {
  return postgres(url, { max, onnotice: () => {}, connection: { application_name: 'storefleet:bench' } });
}

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]{1,63}$/.test(name)) throw new Error(`Unexpected benchmark database name: ${name}`);
  return name;
}

/** The maintenance database on the same server, from which the benchmark database is created or dropped. */
function adminUrl(url: string): string {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return admin.toString();
}

export async function recreateDatabase(url: string, drop: boolean): Promise<boolean> {
  const name = databaseName(url);
  const admin = connect(adminUrl(url), 1);
  try {
    const [found] = await admin`select 1 as one from pg_database where datname = ${name}`;
    if (found && !drop) return false;
    if (found) await admin.unsafe(`drop database "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    return true;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** The project's own migrations, through the same registry the app uses. */
export async function migrate(url: string): Promise<void> {
  const registry = new ConnectionRegistry({ defaultUrl: url, dedicatedUrls: {} });
  try {
    await migrateAll(registry);
  } finally {
    await registry.closeAll();
  }
}

export async function readMarker(sql: Sql): Promise<ScaleMarker | null> {
  const [table] = await sql`select to_regclass('public.bench_meta') as name`;
  if (!table?.name) return null;
  const [row] = await sql<{ value: ScaleMarker }[]>`select value from bench_meta where key = 'scale'`;
  return row?.value ?? null;
}

export async function writeMarker(sql: Sql, marker: ScaleMarker): Promise<void> {
  await sql`create table if not exists bench_meta (key text primary key, value jsonb not null)`;
  await sql`insert into bench_meta (key, value) values ('scale', ${sql.json({ ...marker, seededAt: new Date().toISOString() })})
    on conflict (key) do update set value = excluded.value`;
}

export function sameScale(a: ScaleMarker | null, b: ScaleMarker): boolean {
  return !!a && a.version === b.version && a.articles === b.articles && a.tenants === b.tenants && a.pricesPerTenant === b.pricesPerTenant;
}

export async function serverVersion(sql: Sql): Promise<string> {
  const [row] = await sql<{ version: string }[]>`select version()`;
  return row?.version ?? 'unknown';
}

/** The stored catalog summaries (lib/catalog/catalog-summary.ts) brought up to date, as db/setup.ts does. */
export async function refreshSummaries(sql: Sql): Promise<{ computed: number }> {
  const db = drizzle({ client: sql, schema, casing: 'snake_case' }) as unknown as Database;
  return refreshCatalogSummaries(db);
}
