import { LRUCache } from 'lru-cache';
import { tenantDirectoryCapacity } from '@/lib/tenancy/tenant-directory';
import { ALL_TENANTS, onTenantInvalidated } from './cache-invalidation';
import { type Freshness, isFresh, tenantFreshness } from './version-stamp';

interface Entry<V> {
  value: Promise<V>;
  freshness: Freshness;
}

/**
 * Per-tenant memo of async results. Concurrent callers share one computation; a failure is not kept.
 * An entry is stamped with its tenant's cache versions as they stood when its computation began
 * (version-stamp.ts) and is kept until one of them moves on: its handler drops it in the tick the new
 * version is heard, and a read checks the stamp too, so nothing computed before a change is served after
 * it. There is no expiry while versions are followed; where they are not, `fallbackTtlMs` bounds an entry.
 * Bounded by `maxEntries`, by default the tenant directory's capacity (TENANT_DIRECTORY_MAX, the
 * platform's scale): a memo with one entry per shop then keeps every shop, as the directory does.
 * A tenant's change drops its entries through an index, without walking every other tenant's.
 */
export class TenantMemo<V> {
  private readonly cache: LRUCache<string, Entry<V>>;
  private readonly keysOfTenant = new Map<string, Set<string>>();

  constructor(
    private readonly fallbackTtlMs: number,
    maxEntries: number = tenantDirectoryCapacity().maxTenants,
  ) {
    this.cache = new LRUCache<string, Entry<V>>({
      max: maxEntries,
      // Evicted or deleted: the index follows.
      dispose: (_value, fullKey) => {
        const tenantId = fullKey.slice(0, fullKey.indexOf('|'));
        const keys = this.keysOfTenant.get(tenantId);
        keys?.delete(fullKey);
        if (keys?.size === 0) this.keysOfTenant.delete(tenantId);
      },
    });
    onTenantInvalidated((tenantId) => (tenantId === ALL_TENANTS ? this.clear() : this.forget(tenantId)));
  }

  get(tenantId: string, key: string, compute: () => Promise<V>): Promise<V> {
    const fullKey = `${tenantId}|${key}`;
    const hit = this.cache.get(fullKey);
    if (hit && isFresh(hit.freshness, this.fallbackTtlMs)) return hit.value;
    // Taken before the computation starts: a change heard while it runs makes the stamp outdated.
    const freshness = tenantFreshness(tenantId);
    const value = compute();
    this.cache.set(fullKey, { value, freshness });
    let keys = this.keysOfTenant.get(tenantId);
    if (!keys) this.keysOfTenant.set(tenantId, (keys = new Set()));
    keys.add(fullKey);
    value.catch(() => {
      if (this.cache.peek(fullKey)?.value === value) this.cache.delete(fullKey);
    });
    return value;
  }

  /** Drops every entry of one tenant. */
  forget(tenantId: string): void {
    const keys = this.keysOfTenant.get(tenantId);
    if (!keys) return;
    for (const fullKey of [...keys]) this.cache.delete(fullKey);
  }

  clear(): void {
    this.cache.clear();
    this.keysOfTenant.clear();
  }

  /** How many entries are held (for tests and figures). */
  get size(): number {
    return this.cache.size;
  }

  get maxEntries(): number {
    return this.cache.max;
  }
}
