import path from 'node:path';
import { log, redactUrl } from '@/lib/log';
import { openConnection, PGLITE_MEMORY_URL, pgliteDirectory, databaseKind, type Connection } from './client';

export const DEFAULT_CONNECTION = 'default';
const DEFAULT_PGLITE_URL = 'pglite://.data/default';

/**
 * How the database URLs reach PostgreSQL. `session`: directly, or through a bouncer in session mode
 * (a client keeps its server connection). `transaction`: through a bouncer in transaction mode (PgBouncer's
 * `pool_mode = transaction`), where each transaction may run on another server connection: no named
 * prepared statements there, and everything session-bound goes to the direct URLs.
 */
const POOLING_MODES = ['session', 'transaction'] as const;
type PoolingMode = (typeof POOLING_MODES)[number];

export interface RegistryConfig {
  defaultUrl: string;
  /** Explicit URLs of dedicated tenant databases by connection name; others are derived from the default. */
  dedicatedUrls: Record<string, string>;
  /** Default `session`. */
  pooling?: PoolingMode;
  /** Straight to PostgreSQL, for LISTEN, migrations and session state; default `defaultUrl`. */
  defaultDirectUrl?: string;
  /** Direct URLs of dedicated databases; a derived dedicated database derives its direct URL from `defaultDirectUrl`. */
  dedicatedDirectUrls?: Record<string, string>;
}

/**
 * A database setting the app cannot run with. Thrown at start-up (instrumentation.ts) and by the first
 * database use of a command-line tool; the message names the variable and what it expects.
 */
export class DatabaseConfigError extends Error {
  readonly code = 'DATABASE_CONFIG_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseConfigError';
  }
}

type Env = Record<string, string | undefined>;

function urlMap(env: Env, variable: string): Record<string, string> {
  const raw = env[variable]?.trim();
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new DatabaseConfigError(`${variable} must be a JSON object of connection name → database URL`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
    throw new DatabaseConfigError(`${variable} must be a JSON object of connection name → database URL`);
  }
  return parsed as Record<string, string>;
}

function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * Reads and checks DATABASE_URL, DATABASE_DIRECT_URL, DATABASE_POOLING, TENANT_DATABASE_URLS and
 * TENANT_DATABASE_DIRECT_URLS. Behind a transaction-pooling bouncer every database needs a direct URL
 * (the default one for LISTEN, each configured dedicated one for its migrations): a missing one is an
 * error here rather than notifications that silently never arrive.
 */
export function configFromEnv(env: Env = process.env): RegistryConfig {
  const dedicatedUrls = urlMap(env, 'TENANT_DATABASE_URLS');
  const dedicatedDirectUrls = urlMap(env, 'TENANT_DATABASE_DIRECT_URLS');
  const defaultUrl = env.DATABASE_URL?.trim() || DEFAULT_PGLITE_URL;
  const defaultDirectUrl = env.DATABASE_DIRECT_URL?.trim() || undefined;
  const poolingRaw = env.DATABASE_POOLING?.trim() || 'session';
  if (!(POOLING_MODES as readonly string[]).includes(poolingRaw)) {
    throw new DatabaseConfigError(
      `DATABASE_POOLING: ${JSON.stringify(poolingRaw)} is not a pooling mode; write session (straight to PostgreSQL, the default) or transaction (behind PgBouncer's pool_mode = transaction).`,
    );
  }
  const pooling = poolingRaw as PoolingMode;
  // Other stacks' switch (Prisma's `?pgbouncer=true`) would reach the server as a startup parameter and be refused there.
  for (const [variable, url] of [['DATABASE_URL', defaultUrl], ...Object.entries(dedicatedUrls).map(([n, u]) => [`TENANT_DATABASE_URLS.${n}`, u])] as const) {
    if (isPostgresUrl(url) && new URL(url).searchParams.has('pgbouncer')) {
      throw new DatabaseConfigError(
        `${variable}: remove ?pgbouncer=… from the URL; behind a transaction-pooling bouncer set DATABASE_POOLING=transaction and DATABASE_DIRECT_URL instead.`,
      );
    }
  }
  const embedded = databaseKind(defaultUrl) === 'pglite';
  if (embedded && (pooling !== 'session' || defaultDirectUrl || Object.keys(dedicatedDirectUrls).length > 0)) {
    throw new DatabaseConfigError(
      'DATABASE_POOLING, DATABASE_DIRECT_URL and TENANT_DATABASE_DIRECT_URLS apply to PostgreSQL only; DATABASE_URL is the embedded database.',
    );
  }
  for (const [variable, url] of [
    ['DATABASE_DIRECT_URL', defaultDirectUrl],
    ...Object.entries(dedicatedDirectUrls).map(([n, u]) => [`TENANT_DATABASE_DIRECT_URLS.${n}`, u]),
  ]) {
    if (url !== undefined && !isPostgresUrl(url)) throw new DatabaseConfigError(`${variable} must be a postgres:// URL`);
  }
  if (pooling === 'transaction') {
    if (!defaultDirectUrl || defaultDirectUrl === defaultUrl) {
      throw new DatabaseConfigError(
        'DATABASE_POOLING=transaction needs DATABASE_DIRECT_URL: a URL straight to PostgreSQL (not through the bouncer) for LISTEN, migrations and session locks, which a transaction-pooling bouncer cannot carry.',
      );
    }
    const missing = Object.keys(dedicatedUrls).filter((name) => !dedicatedDirectUrls[name]);
    if (missing.length > 0) {
      throw new DatabaseConfigError(
        `DATABASE_POOLING=transaction: TENANT_DATABASE_DIRECT_URLS has no direct URL for ${missing.join(', ')} (listed in TENANT_DATABASE_URLS); migrations and session locks on a dedicated database cannot go through the bouncer.`,
      );
    }
  }
  return { defaultUrl, dedicatedUrls, pooling, defaultDirectUrl, dedicatedDirectUrls };
}

const CONNECTION_NAME = /^[a-z0-9_]{1,40}$/;

/**
 * Where a dedicated database lives when no URL is configured for it: beside the default one
 * (`<db>_<name>` on the same PostgreSQL server, or the PGlite directory `<dir>--<name>`).
 */
export function deriveDedicatedUrl(defaultUrl: string, name: string): string {
  if (!CONNECTION_NAME.test(name)) throw new Error(`Invalid dedicated database name: ${name}`);
  if (databaseKind(defaultUrl) === 'pglite') {
    const dir = pgliteDirectory(defaultUrl);
    if (!dir) return PGLITE_MEMORY_URL;
    return `pglite://${path.relative(process.cwd(), `${dir}--${name}`)}`;
  }
  const url = new URL(defaultUrl);
  const base = url.pathname.replace(/^\//, '') || 'postgres';
  url.pathname = `/${base}_${name}`;
  return url.toString();
}

/**
 * One open connection per database per process. A failed start is not cached, so a database that was
 * briefly unreachable does not leave the app broken until restart.
 */
export class ConnectionRegistry {
  private readonly pending = new Map<string, Promise<Connection>>();

  constructor(readonly config: RegistryConfig) {}

  urlFor(name: string): string {
    if (name === DEFAULT_CONNECTION) return this.config.defaultUrl;
    return this.config.dedicatedUrls[name] ?? deriveDedicatedUrl(this.config.defaultUrl, name);
  }

  /**
   * Straight to PostgreSQL. A configured dedicated database without a direct URL of its own is reached
   * directly already (configFromEnv refuses that combination behind a transaction-pooling bouncer).
   */
  directUrlFor(name: string): string {
    const { defaultUrl, defaultDirectUrl, dedicatedUrls, dedicatedDirectUrls = {} } = this.config;
    if (name === DEFAULT_CONNECTION) return defaultDirectUrl ?? defaultUrl;
    return dedicatedDirectUrls[name] ?? dedicatedUrls[name] ?? deriveDedicatedUrl(defaultDirectUrl ?? defaultUrl, name);
  }

  get(name: string = DEFAULT_CONNECTION): Promise<Connection> {
    const existing = this.pending.get(name);
    if (existing) return existing;
    const url = this.urlFor(name);
    const target = { url, directUrl: this.directUrlFor(name), prepare: this.config.pooling !== 'transaction' };
    const opening = openConnection(name, target).catch((error: unknown) => {
      this.pending.delete(name);
      log.error({ connection: name, url: redactUrl(url), err: error }, 'database connection failed');
      throw error;
    });
    this.pending.set(name, opening);
    return opening;
  }

  async closeAll(): Promise<void> {
    const all = [...this.pending.values()];
    this.pending.clear();
    await Promise.allSettled(all.map(async (p) => (await p).close()));
  }
}

const globalKey = Symbol.for('storefleet.connectionRegistry');
type GlobalWithRegistry = typeof globalThis & { [globalKey]?: ConnectionRegistry };

/** The process-wide registry (a globalThis singleton so hot reloads do not open a second PGlite). */
export function getRegistry(): ConnectionRegistry {
  const g = globalThis as GlobalWithRegistry;
  g[globalKey] ??= new ConnectionRegistry(configFromEnv());
  return g[globalKey];
}

/** Replaces the process-wide registry (tests, tools). Closes the previous one. */
export async function setRegistry(registry: ConnectionRegistry): Promise<void> {
  const g = globalThis as GlobalWithRegistry;
  const previous = g[globalKey];
  g[globalKey] = registry;
  if (previous && previous !== registry) await previous.closeAll();
}

/** The platform plane (tenants, staff, the catalog, audit) lives in the default database. */
export async function platformDb() {
  return (await getRegistry().get(DEFAULT_CONNECTION)).db;
}
