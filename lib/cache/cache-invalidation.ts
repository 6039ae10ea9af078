import { getRegistry } from '@/db/connection-registry';
import { log } from '@/lib/log';
import { CACHE_CHANNEL, CacheVersionSync } from './cache-versions';
import { renderCacheState } from './render-cache-state.mjs';

/**
 * Cross-instance cache invalidation through PostgreSQL. Every change that caches depend on (a tenant's
 * settings, domains, visibility rules and prices; `*` for the shared catalog) bumps a version in the same
 * transaction, in whichever database it is written (cache-versions.ts, docs/cache-versions.md). Every app
 * instance follows the versions of every database (a NOTIFY for speed, a short poll and a re-read on every
 * reconnect for certainty) and calls the handlers below once for each scope that advanced, so a change made
 * anywhere (another instance, a console, psql) shows on the next request. The subscription runs on the
 * direct connection (DATABASE_DIRECT_URL, see db/client.ts); the bumps may come through a bouncer.
 */
export { CACHE_CHANNEL };
export const ALL_TENANTS = '*';

type Handler = (tenantId: string) => void;

const state = globalThis as typeof globalThis & {
  __storefleetCacheHandlers?: Set<Handler>;
  __storefleetCacheListening?: { registry: unknown; ready: Promise<void>; sync: CacheVersionSync } | null;
};
const handlers = (state.__storefleetCacheHandlers ??= new Set());

/** Registers what a cache drops when a tenant (or, with `*`, everything) changes. */
export function onTenantInvalidated(handler: Handler): void {
  handlers.add(handler);
}

export function invalidateTenantLocally(tenantId: string): void {
  for (const handler of handlers) handler(tenantId);
}

/**
 * Starts following the cache versions once per process (and again for a replaced registry). Until it has
 * loaded them, callers should not trust long-lived caches. A failed start is not kept: the next request
 * tries again, and meanwhile caches fall back to their short expiry.
 */
export function ensureCacheInvalidationListener(): Promise<void> {
  const registry = getRegistry();
  const current = state.__storefleetCacheListening;
  if (current && current.registry === registry) return current.ready;
  if (current) void current.sync.stop(); // a previous registry's databases (tests, tools)
  const sync = new CacheVersionSync({ registry, state: renderCacheState(), onAdvance: invalidateTenantLocally });
  const ready = sync
    .start()
    .then(() => log.info({ channel: CACHE_CHANNEL, planes: sync.planeNames() }, 'following cache versions'))
    .catch((error: unknown) => {
      void sync.stop();
      if (state.__storefleetCacheListening?.ready === ready) state.__storefleetCacheListening = null;
      log.error({ err: error }, 'cache invalidation listener failed');
    });
  state.__storefleetCacheListening = { registry, ready, sync };
  return ready;
}

/**
 * After a committed write: its triggers bumped the versions in its own transaction, which every instance
 * reads within CACHE_VERSION_POLL_MS. This makes this instance read them now, so the writer's next request
 * already shows the change (its handlers fire once, as for any other change). Where the versions are not
 * being followed (a tool, or the start failed) this instance forgets the tenant directly.
 */
export async function announceTenantChange(tenantId: string): Promise<void> {
  const current = state.__storefleetCacheListening;
  const synced = current && current.registry === getRegistry() ? await current.ready.then(() => current.sync.syncNow()) : false;
  if (!synced) invalidateTenantLocally(tenantId);
}
