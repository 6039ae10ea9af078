import { TtlCache } from '@/lib/tenancy/ttl-cache';
import { ALL_TENANTS, onTenantInvalidated } from './cache-invalidation';

/**
 * Per-tenant memo of async results. Concurrent callers share one computation; a failure is not kept;
 * entries of a tenant go the moment PostgreSQL reports a change to that tenant (and after `ttlMs` at
 * the latest, should a notification be missed).
 */
export class TenantMemo<V> {
  private readonly cache: TtlCache<Promise<V>>;

  constructor(ttlMs: number, maxEntries = 5000) {
    this.cache = new TtlCache<Promise<V>>(ttlMs, maxEntries);
    onTenantInvalidated((tenantId) => (tenantId === ALL_TENANTS ? this.cache.clear() : this.cache.deleteByPrefix(`${tenantId}|`)));
  }

  get(tenantId: string, key: string, compute: () => Promise<V>): Promise<V> {
    const fullKey = `${tenantId}|${key}`;
    const hit = this.cache.get(fullKey);
    if (hit) return hit;
    const value = compute();
    this.cache.set(fullKey, value);
    value.catch(() => this.cache.deleteByPrefix(fullKey));
    return value;
  }

  clear(): void {
    this.cache.clear();
  }
}
