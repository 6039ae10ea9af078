import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

type Schema = typeof schema;
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
  /** Transactions and single statements: safe through a transaction-pooling bouncer (see docs/pgbouncer.md). */
  db: Database;
  /** Where `direct` and `listen` connect: straight to PostgreSQL. The same as `url` unless a bouncer sits in between. */
  directUrl: string;
  /**
   * A handle on which session state holds: migrations, session advisory locks, `SET` outside a
   * transaction, temporary tables. Through a transaction-pooling bouncer those would land on whichever
   * server connection the next statement gets, so they go here instead. The same pool as `db` when
   * there is no bouncer.
   */
  direct: Database;
  /**
   * LISTEN on a channel, on a connection of its own straight to PostgreSQL (application_name
   * `storefleet-listen/<instance>`, see listenApplicationName); resolves to an unsubscribe function.
   * `onListen` runs each time the subscription is in place: first, and again after every reconnect, when
   * notifications sent meanwhile are lost and whoever listens must catch up another way.
   */
  listen(channel: string, onMessage: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface ConnectionTarget {
  /** The URL queries and transactions use (PostgreSQL itself, or a bouncer in front of it). */
  url: string;
  /** The URL session-bound work uses; default `url`. */
  directUrl?: string;
  /**
   * Named (server-side) prepared statements on `url`; default true. Off behind a transaction-pooling
   * bouncer, which hands each transaction a different server connection: a statement prepared on one
   * is unknown on the next ("prepared statement … does not exist"). postgres.js then sends every query
   * as an unnamed statement, parsed again each time.
   */
  prepare?: boolean;
}

/**
 * Which app instance this process is, for PostgreSQL's view of its connections: STOREFLEET_INSTANCE, or
 * `<hostname>:<pid>`. An operator (or a test) finds one instance's listener in pg_stat_activity by it.
 */
function instanceName(env: Record<string, string | undefined> = process.env): string {
  return env.STOREFLEET_INSTANCE?.trim() || `${hostname()}:${process.pid}`;
}

/** application_name of an instance's LISTEN connections (PostgreSQL keeps the first 63 bytes). */
function listenApplicationName(env: Record<string, string | undefined> = process.env): string {
  return `storefleet-listen/${instanceName(env)}`;
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

export async function openConnection(name: string, target: string | ConnectionTarget): Promise<Connection> {
  const { url, directUrl = url, prepare = true } = typeof target === 'string' ? { url: target } : target;
  const kind = databaseKind(url);
  if (kind === 'pglite') {
    if (directUrl !== url) throw new Error(`An embedded database (${url}) has no separate direct URL`);
    return openPglite(name, url);
  }
  if (databaseKind(directUrl) !== 'postgres') throw new Error('A direct database URL must be a postgres:// URL');
  return openPostgres(name, url, directUrl, prepare);
}

/**
 * Session-bound work is rare (migrations, a lock, a LISTEN, which postgres.js gives a connection of its
 * own anyway), and connections straight to PostgreSQL are what a bouncer exists to save: a small pool
 * that lets go of idle connections.
 */
const DIRECT_POOL_SIZE = 2;
const DIRECT_IDLE_TIMEOUT_S = 60;

async function openPglite(name: string, url: string): Promise<Connection> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dir = pgliteDirectory(url);
  // PGlite fails on a missing parent folder instead of creating it.
  if (dir) mkdirSync(path.dirname(dir), { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzle({ client, schema, casing: 'snake_case' }) as unknown as Database;
  const listen = async (channel: string, onMessage: (payload: string) => void, onListen?: () => void) => {
    const unlisten = await client.listen(channel, onMessage);
    onListen?.(); // an embedded database never drops its subscription: once is every time
    return unlisten;
  };
  return { name, kind: 'pglite', url, db, directUrl: url, direct: db, listen, close: () => client.close() };
}

async function openPostgres(name: string, url: string, directUrl: string, prepare: boolean): Promise<Connection> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  // postgres.js connects lazily: a pool nobody queries opens no connection.
  const client = postgres(url, {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    prepare,
    onnotice: () => {},
    connection: { application_name: `storefleet:${name}` },
  });
  const directClient =
    directUrl === url
      ? client
      : postgres(directUrl, {
          max: DIRECT_POOL_SIZE,
          idle_timeout: DIRECT_IDLE_TIMEOUT_S,
          onnotice: () => {},
          connection: { application_name: `storefleet:${name}:direct` },
        });
  const db = drizzle({ client, schema, casing: 'snake_case' }) as unknown as Database;
  const direct = directClient === client ? db : (drizzle({ client: directClient, schema, casing: 'snake_case' }) as unknown as Database);
  // postgres.js keeps a dedicated connection for LISTEN and re-subscribes after reconnecting (calling
  // onlisten each time). A LISTEN through a transaction-pooling bouncer would subscribe a server connection
  // that is handed to other clients a moment later, and the notifications would never arrive: it goes to
  // the direct URL, from a client of its own so that its application_name names the instance.
  let listenClient: ReturnType<typeof postgres> | undefined;
  const listen = async (channel: string, onMessage: (payload: string) => void, onListen?: () => void) => {
    listenClient ??= postgres(directUrl, { max: 1, onnotice: () => {}, connection: { application_name: listenApplicationName() } });
    const { unlisten } = await listenClient.listen(channel, onMessage, onListen);
    return unlisten;
  };
  const close = async () => {
    await Promise.all([client.end({ timeout: 5 }), directClient === client ? undefined : directClient.end({ timeout: 5 }), listenClient?.end({ timeout: 5 })]);
  };
  return { name, kind: 'postgres', url, db, directUrl, direct, listen, close };
}
