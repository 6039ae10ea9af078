import { renderCacheState } from './render-cache-state.mjs';

/**
 * What an in-process cache keeps beside a value so it can tell, on every read, whether the value may still
 * be served: the cache versions that bear on it (docs/cache-versions.md) as known when its load began, or
 * the moment of the load where versions are not followed (a tool, a test without the listener, a failed
 * start). A stamped value is kept until one of those versions moves on, however long that takes; an
 * unstamped one only for the caller's fallback expiry.
 */
export interface Freshness {
  stamp: string | null;
  at: number;
}

/** The stamp of a tenant's versions (its scope, the shared catalog, its dedicated plane), taken before a load. */
export function tenantFreshness(tenantId: string, now = Date.now()): Freshness {
  const state = renderCacheState();
  return { stamp: state.following ? state.stampFor(tenantId) : null, at: now };
}

/** The same for what depends on the shared catalog alone (`*` on the default database). */
export function catalogFreshness(now = Date.now()): Freshness {
  const state = renderCacheState();
  return { stamp: state.following ? `default:*=${state.versions.get('default:*') ?? 0}` : null, at: now };
}

/**
 * Whether a value loaded with this freshness may be served now. A stamped value: while no newer version of
 * its scopes is known and versions are still followed (the same check, in the same tick, as the render
 * cache's pages). An unstamped one: for `fallbackTtlMs` after its load.
 */
export function isFresh(freshness: Freshness, fallbackTtlMs: number, now = Date.now()): boolean {
  if (freshness.stamp !== null) return renderCacheState().isCurrent(freshness.stamp);
  return now - freshness.at < fallbackTtlMs;
}
