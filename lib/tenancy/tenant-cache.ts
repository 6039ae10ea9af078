import { LRUCache } from 'lru-cache';
import type { Tenant } from '@/db/schema';
import { AppError } from '@/lib/errors';

/** Where the cache reads tenants from on a miss (the platform database in production). */
export interface TenantLoader {
  /** The tenant a host names (verified custom domain first, then `<subdomain>.<root>`), active or not. */
  byHost(host: string, subdomain: string | null): Promise<Tenant | null>;
  byId(tenantId: string): Promise<Tenant | null>;
}

/**
 * How entries follow the cache versions (lib/cache/version-stamp.ts): a stamp of a tenant's versions as
 * known now (null where versions are not followed), and whether a stamp is still current.
 */
export interface TenantStamps {
  take(tenantId: string): string | null;
  isCurrent(stamp: string): boolean;
}

export interface TenantCacheOptions {
  /** How many tenants are held by id; host names get twice as many places (subdomain and custom domain). */
  maxTenants: number;
  /** How many unknown host names are remembered as unknown. */
  maxUnknownHosts: number;
  /**
   * How long a found tenant is kept when it could not be stamped (versions not followed, or no `stamps`):
   * then a missed notice heals after this. A stamped tenant is kept until its versions move on.
   */
  ttlMs?: number;
  /** How long an unknown host or id is kept. */
  unknownTtlMs?: number;
  stamps?: TenantStamps;
}

const DEFAULT_TTL_MS = 30_000;
// Unknown hosts are cached briefly too, so a scan of random hosts cannot turn into one query per request.
const DEFAULT_UNKNOWN_TTL_MS = 5_000;

/** lru-cache holds no null: an id looked up and not found is kept as this. */
const NO_TENANT = Symbol('no tenant');

interface Held {
  tenant: Tenant;
  stamp: string | null;
}

/**
 * The tenant directory's in-process cache: tenants by host name and by id, each a bounded LRU. A found
 * tenant is stamped with its cache versions and kept until they move on (no expiry while versions are
 * followed; `ttlMs` where they are not). A change to one tenant drops exactly that tenant's entries — its id and every host name it was
 * found under, including a custom domain it has just given up — and leaves every other tenant cached.
 *
 * Host names that name no tenant are kept apart, briefly and in a bounded LRU of their own. A notice
 * names the tenant that changed, not the host names it has now, so any tenant change also forgets every
 * unknown host: a new shop or a new domain is served at once, and this list is cheap to rebuild.
 *
 * A lookup that was already reading the database when a change arrived does not store its result: what
 * it read may be the state before the change. Concurrent lookups of one host or id share one read.
 */
export class TenantCache {
  private readonly hosts: LRUCache<string, Held>;
  private readonly unknownHosts: LRUCache<string, true>;
  private readonly ids: LRUCache<string, Held | typeof NO_TENANT>;
  /** Reads under way, shared by whoever asks meanwhile; a change forgets them, so later callers read anew. */
  private readonly loading = new Map<string, Promise<Tenant | null>>();
  /** Every host name cached for a tenant, so its change can drop them all (kept in step by `dispose`). */
  private readonly hostsOfTenant = new Map<string, Set<string>>();
  /** Counts changes heard; a lookup stores its result only if none arrived while it read. */
  private generation = 0;
  private readonly ttlMs: number;
  private readonly unknownTtlMs: number;

  constructor(
    private readonly loader: TenantLoader,
    private readonly options: TenantCacheOptions,
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.unknownTtlMs = options.unknownTtlMs ?? DEFAULT_UNKNOWN_TTL_MS;
    this.hosts = new LRUCache<string, Held>({
      max: options.maxTenants * 2,
      ttl: this.ttlMs,
      dispose: (held, host) => this.unindexHost(held.tenant.id, host),
    });
    this.unknownHosts = new LRUCache<string, true>({ max: options.maxUnknownHosts, ttl: this.unknownTtlMs });
    this.ids = new LRUCache<string, Held | typeof NO_TENANT>({ max: options.maxTenants, ttl: this.ttlMs });
  }

  /** The tenant (active or not) a normalised host names, or null when none does. */
  async byHost(host: string, subdomain: string | null): Promise<Tenant | null> {
    const hit = this.hosts.get(host);
    if (hit && this.current(hit)) return hit.tenant;
    if (hit) this.hosts.delete(host);
    if (this.unknownHosts.has(host)) return null;
    return this.shared(`host:${host}`, async () => {
      const seen = this.generation;
      const tenant = await this.loader.byHost(host, subdomain);
      if (seen !== this.generation) return tenant;
      if (tenant) {
        const held = this.hold(tenant);
        this.hosts.set(host, held, { ttl: held.stamp ? 0 : this.ttlMs });
        this.indexHost(tenant.id, host);
      } else {
        this.unknownHosts.set(host, true);
      }
      return tenant;
    });
  }

  /** Any tenant by id, or null when there is none. */
  async byId(tenantId: string): Promise<Tenant | null> {
    const hit = this.ids.get(tenantId);
    if (hit === NO_TENANT) return null;
    if (hit && this.current(hit)) return hit.tenant;
    if (hit) this.ids.delete(tenantId);
    return this.shared(`id:${tenantId}`, async () => {
      const seen = this.generation;
      const tenant = await this.loader.byId(tenantId);
      if (seen !== this.generation) return tenant;
      const held = tenant && this.hold(tenant);
      if (held) this.ids.set(tenantId, held, { ttl: held.stamp ? 0 : this.ttlMs });
      else this.ids.set(tenantId, NO_TENANT, { ttl: this.unknownTtlMs });
      return tenant;
    });
  }

  /**
   * Stamped after the read: no change was heard while it ran (the generation check before every store),
   * and each change heard moves a version on in the same tick, so the versions now are those it began under.
   */
  private hold(tenant: Tenant): Held {
    return { tenant, stamp: this.options.stamps?.take(tenant.id) ?? null };
  }

  /** A stamped entry lives until its versions move on (no expiry); an unstamped one for ttlMs. */
  private current(held: Held): boolean {
    return held.stamp === null || (this.options.stamps?.isCurrent(held.stamp) ?? true);
  }

  private shared(key: string, read: () => Promise<Tenant | null>): Promise<Tenant | null> {
    const running = this.loading.get(key);
    if (running) return running;
    const promise = read().finally(() => {
      if (this.loading.get(key) === promise) this.loading.delete(key);
    });
    this.loading.set(key, promise);
    return promise;
  }

  /** Forgets one tenant: its id, every host name it was found under, and all unknown host names. */
  forgetTenant(tenantId: string): void {
    this.generation++;
    this.loading.clear();
    this.ids.delete(tenantId);
    const hosts = this.hostsOfTenant.get(tenantId);
    // A copy: each delete calls `dispose`, which edits the set.
    if (hosts) for (const host of [...hosts]) this.hosts.delete(host);
    this.hostsOfTenant.delete(tenantId);
    this.unknownHosts.clear();
  }

  /** Forgets everything (a platform-wide notice, or a test starting afresh). */
  forgetAll(): void {
    this.generation++;
    this.loading.clear();
    this.hosts.clear();
    this.hostsOfTenant.clear();
    this.unknownHosts.clear();
    this.ids.clear();
  }

  /** Entries held, for tests and diagnostics. */
  size(): { hosts: number; unknownHosts: number; ids: number } {
    return { hosts: this.hosts.size, unknownHosts: this.unknownHosts.size, ids: this.ids.size };
  }

  private indexHost(tenantId: string, host: string): void {
    let hosts = this.hostsOfTenant.get(tenantId);
    if (!hosts) this.hostsOfTenant.set(tenantId, (hosts = new Set()));
    hosts.add(host);
  }

  private unindexHost(tenantId: string, host: string): void {
    const hosts = this.hostsOfTenant.get(tenantId);
    if (!hosts) return;
    hosts.delete(host);
    if (hosts.size === 0) this.hostsOfTenant.delete(tenantId);
  }
}

const MAX_CAPACITY = 10_000_000;

/**
 * A whole number of entries from the environment: unset or empty is the default, anything else must be
 * from 1 to 10,000,000 and is refused at start-up otherwise (a typo must not become a cache of one).
 */
export function capacityFromEnv(name: string, fallback: number, env: Record<string, string | undefined> = process.env): number {
  const raw = env[name]?.trim().replaceAll('_', '');
  if (!raw) return fallback;
  const value = /^\d{1,8}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 1 && value <= MAX_CAPACITY)) {
    throw new AppError('INTERNAL', `${name} must be a whole number from 1 to ${MAX_CAPACITY}.`, { details: { variable: name } });
  }
  return value;
}
