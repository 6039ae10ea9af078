import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export type Schema = typeof schema;
/** Both drivers (PGlite and postgres.js) expose this same drizzle surface. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Anything queries can run on: a database or a transaction. */
export type Executor = Database | Transaction;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Connection {
  name: string;
  kind: DatabaseKind;
  url: string;
  db: Database;
  /** LISTEN on a channel; resolves to an unsubscribe function. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const PGLITE_PREFIX = 'pglite://';
export const PGLITE_MEMORY_URL = 'pglite://memory';

export function databaseKind(url: string): DatabaseKind {
  if (url.startsWith(PGLITE_PREFIX)) return 'pglite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  throw new Error(`Unsupported database URL scheme (expected postgres:// or pglite://): ${url.split(':')[0]}`);
}

/** `pglite://memory` is a fresh in-memory database; `pglite://<dir>` a directory relative to the cwd. */
export function pgliteDirectory(url: string): string | undefined {
  const rest = url.slice(PGLITE_PREFIX.length);
  return rest === 'memory' ? undefined : path.resolve(rest);
}

export async function openConnection(name: string, url: string): Promise<Connection> {
  const kind = databaseKind(url);
  if (kind === 'pglite') return openPglite(name, url);
  return openPostgres(name, url);
}

async function openPglite(name: string, url: string): Promise<Connection> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dir = pgliteDirectory(url);
  // PGlite fails on a missing parent folder instead of creating it.
  if (dir) mkdirSync(path.dirname(dir), { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzle({ client, schema, casing: 'snake_case' }) as unknown as Database;
  const listen = async (channel: string, onMessage: (payload: string) => void) => client.listen(channel, onMessage);
  return { name, kind: 'pglite', url, db, listen, close: () => client.close() };
}

async function openPostgres(name: string, url: string): Promise<Connection> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    onnotice: () => {},
    connection: { application_name: `storefleet:${name}` },
  });
  const db = drizzle({ client, schema, casing: 'snake_case' }) as unknown as Database;
  // postgres.js keeps a dedicated connection for LISTEN and re-subscribes after reconnecting.
  const listen = async (channel: string, onMessage: (payload: string) => void) => {
    const { unlisten } = await client.listen(channel, onMessage);
    return unlisten;
  };
  return { name, kind: 'postgres', url, db, listen, close: () => client.end({ timeout: 5 }) };
}
