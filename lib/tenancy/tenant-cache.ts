import { LRUCache } from 'lru-cache';
import type { Tenant } from '@/db/schema';
import { AppError } from '@/lib/errors';

/** Where the cache reads tenants from on a miss (the platform database in production). */
export interface TenantLoader {
  /** The tenant a host names (verified custom domain first, then `<subdomain>.<root>`), active or not. */
  byHost(host: string, subdomain: string | null): Promise<Tenant | null>;
  byId(tenantId: string): Promise<Tenant | null>;
}

export interface TenantCacheOptions {
  /** How many tenants are held by id; host names get twice as many places (subdomain and custom domain). */
  maxTenants: number;
  /** How many unknown host names are remembered as unknown. */
  maxUnknownHosts: number;
  /** How long a found tenant is kept without any notice of a change (a missed notice heals after this). */
  ttlMs?: number;
  /** How long an unknown host or id is kept. */
  unknownTtlMs?: number;
}

const DEFAULT_TTL_MS = 30_000;
// Unknown hosts are cached briefly too, so a scan of random hosts cannot turn into one query per request.
const DEFAULT_UNKNOWN_TTL_MS = 5_000;

/** lru-cache holds no null: an id looked up and not found is kept as this. */
const NO_TENANT = Symbol('no tenant');

/**
 * The tenant directory's in-process cache: tenants by host name and by id, each a bounded LRU with
 * expiry. A change to one tenant drops exactly that tenant's entries — its id and every host name it was
 * found under, including a custom domain it has just given up — and leaves every other tenant cached.
 *
 * Host names that name no tenant are kept apart, briefly and in a bounded LRU of their own. A notice
 * names the tenant that changed, not the host names it has now, so any tenant change also forgets every
 * unknown host: a new shop or a new domain is served at once, and this list is cheap to rebuild.
 *
 * A lookup that was already reading the database when a change arrived does not store its result: what
 * it read may be the state before the change.
 */
export class TenantCache {
  private readonly hosts: LRUCache<string, Tenant>;
  private readonly unknownHosts: LRUCache<string, true>;
  private readonly ids: LRUCache<string, Tenant | typeof NO_TENANT>;
  /** Every host name cached for a tenant, so its change can drop them all (kept in step by `dispose`). */
  private readonly hostsOfTenant = new Map<string, Set<string>>();
  /** Counts changes heard; a lookup stores its result only if none arrived while it read. */
  private generation = 0;
  private readonly ttlMs: number;
  private readonly unknownTtlMs: number;

  constructor(
    private readonly loader: TenantLoader,
    options: TenantCacheOptions,
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.unknownTtlMs = options.unknownTtlMs ?? DEFAULT_UNKNOWN_TTL_MS;
    this.hosts = new LRUCache<string, Tenant>({
      max: options.maxTenants * 2,
      ttl: this.ttlMs,
      dispose: (tenant, host) => this.unindexHost(tenant.id, host),
    });
    this.unknownHosts = new LRUCache<string, true>({ max: options.maxUnknownHosts, ttl: this.unknownTtlMs });
    this.ids = new LRUCache<string, Tenant | typeof NO_TENANT>({ max: options.maxTenants, ttl: this.ttlMs });
  }

  /** The tenant (active or not) a normalised host names, or null when none does. */
  async byHost(host: string, subdomain: string | null): Promise<Tenant | null> {
    const hit = this.hosts.get(host);
    if (hit) return hit;
    if (this.unknownHosts.has(host)) return null;
    const seen = this.generation;
    const tenant = await this.loader.byHost(host, subdomain);
    if (seen !== this.generation) return tenant;
    if (tenant) {
      this.hosts.set(host, tenant);
      this.indexHost(tenant.id, host);
    } else {
      this.unknownHosts.set(host, true);
    }
    return tenant;
  }

  /** Any tenant by id, or null when there is none. */
  async byId(tenantId: string): Promise<Tenant | null> {
    const hit = this.ids.get(tenantId);
    if (hit !== undefined) return hit === NO_TENANT ? null : hit;
    const seen = this.generation;
    const tenant = await this.loader.byId(tenantId);
    if (seen === this.generation) this.ids.set(tenantId, tenant ?? NO_TENANT, { ttl: tenant ? this.ttlMs : this.unknownTtlMs });
    return tenant;
  }

  /** Forgets one tenant: its id, every host name it was found under, and all unknown host names. */
  forgetTenant(tenantId: string): void {
    this.generation++;
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
