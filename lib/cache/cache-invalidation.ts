import { sql } from 'drizzle-orm';
import { DEFAULT_CONNECTION, getRegistry } from '@/db/connection-registry';
import { log } from '@/lib/log';

/**
 * Cross-instance cache invalidation through PostgreSQL. Triggers (migration 0004) send the id of any
 * tenant whose settings, domains or visibility rules change, or `*` when the shared catalog's brands or
 * categories change, on this channel. Every app instance listens and drops what it cached for that
 * tenant, so a change made anywhere (another instance, a console, psql) shows on the next request.
 * The subscription runs on the direct connection (DATABASE_DIRECT_URL, see db/client.ts); a NOTIFY may
 * come through a bouncer, since it is delivered at commit.
 */
export const CACHE_CHANNEL = 'storefleet_cache';
export const ALL_TENANTS = '*';

type Handler = (tenantId: string) => void;

const state = globalThis as typeof globalThis & {
  __storefleetCacheHandlers?: Set<Handler>;
  __storefleetCacheListening?: { registry: unknown; ready: Promise<void> } | null;
};
const handlers = (state.__storefleetCacheHandlers ??= new Set());

/** Registers what a cache drops when a tenant (or, with `*`, everything) changes. */
export function onTenantInvalidated(handler: Handler): void {
  handlers.add(handler);
}

export function invalidateTenantLocally(tenantId: string): void {
  for (const handler of handlers) handler(tenantId);
}

/** Subscribes this process once. Until it is subscribed, callers should not trust long-lived caches. */
export function ensureCacheInvalidationListener(): Promise<void> {
  const registry = getRegistry();
  const current = state.__storefleetCacheListening;
  if (current && current.registry === registry) return current.ready;
  const ready = (async () => {
    const connection = await registry.get(DEFAULT_CONNECTION);
    await connection.listen(CACHE_CHANNEL, (payload) => invalidateTenantLocally(payload || ALL_TENANTS));
    log.info({ channel: CACHE_CHANNEL }, 'listening for cache invalidations');
  })().catch((error: unknown) => {
    // Not kept: the next request tries again. Meanwhile caches fall back to their short expiry.
    if (state.__storefleetCacheListening?.ready === ready) state.__storefleetCacheListening = null;
    log.error({ err: error }, 'cache invalidation listener failed');
  });
  state.__storefleetCacheListening = { registry, ready };
  return ready;
}

/**
 * After a committed write that no trigger announces (a shop's prices live in its tenant plane, which may
 * be a dedicated database nobody listens to): this instance forgets at once, and the others hear it
 * through the platform database. A failed notification is logged, not thrown: the write stands, and
 * the other instances' render caches expire within their lifetime.
 */
export async function announceTenantChange(tenantId: string): Promise<void> {
  invalidateTenantLocally(tenantId);
  try {
    const connection = await getRegistry().get(DEFAULT_CONNECTION);
    await connection.db.execute(sql`select pg_notify(${CACHE_CHANNEL}, ${tenantId})`);
  } catch (error) {
    log.warn({ err: error, tenantId }, 'tenant change not announced to other instances');
  }
}
