import { LRUCache } from 'lru-cache';
import { tenantDirectoryCapacity } from '@/lib/tenancy/tenant-directory';
import { ALL_TENANTS, onTenantInvalidated } from './cache-invalidation';

/**
 * Per-tenant memo of async results. Concurrent callers share one computation; a failure is not kept;
 * entries of a tenant go the moment its cache version advances (cache-versions.ts), and after `ttlMs` at
 * the latest. Bounded by `maxEntries`, by default the tenant directory's capacity (TENANT_DIRECTORY_MAX,
 * the platform's scale): a memo with one entry per shop then keeps every shop, as the directory does.
 * A tenant's change drops its entries through an index, without walking every other tenant's.
 */
export class TenantMemo<V> {
  private readonly cache: LRUCache<string, Promise<V>>;
  private readonly keysOfTenant = new Map<string, Set<string>>();

  constructor(ttlMs: number, maxEntries: number = tenantDirectoryCapacity().maxTenants) {
    this.cache = new LRUCache<string, Promise<V>>({
      max: maxEntries,
      ttl: ttlMs,
      // Evicted, expired or deleted: the index follows.
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
    if (hit) return hit;
    const value = compute();
    this.cache.set(fullKey, value);
    let keys = this.keysOfTenant.get(tenantId);
    if (!keys) this.keysOfTenant.set(tenantId, (keys = new Set()));
    keys.add(fullKey);
    value.catch(() => {
      if (this.cache.peek(fullKey) === value) this.cache.delete(fullKey);
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
