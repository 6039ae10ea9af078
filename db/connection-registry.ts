import path from 'node:path';
import { log, redactUrl } from '@/lib/log';
import { openConnection, PGLITE_MEMORY_URL, pgliteDirectory, databaseKind, type Connection } from './client';

export const DEFAULT_CONNECTION = 'default';
export const DEFAULT_PGLITE_URL = 'pglite://.data/default';

export interface RegistryConfig {
  defaultUrl: string;
  /** Explicit URLs of dedicated tenant databases by connection name; others are derived from the default. */
  dedicatedUrls: Record<string, string>;
}

export function configFromEnv(env: Record<string, string | undefined> = process.env): RegistryConfig {
  const raw = env.TENANT_DATABASE_URLS?.trim();
  let dedicatedUrls: Record<string, string> = {};
  if (raw) {
    try {
      dedicatedUrls = JSON.parse(raw) as Record<string, string>;
    } catch {
      throw new Error('TENANT_DATABASE_URLS must be a JSON object of connection name → database URL');
    }
  }
  return { defaultUrl: env.DATABASE_URL?.trim() || DEFAULT_PGLITE_URL, dedicatedUrls };
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

  get(name: string = DEFAULT_CONNECTION): Promise<Connection> {
    const existing = this.pending.get(name);
    if (existing) return existing;
    const url = this.urlFor(name);
    const opening = openConnection(name, url).catch((error: unknown) => {
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
