import { unstable_cache } from 'next/cache';
import { ALL_TENANTS, onTenantInvalidated } from './cache-invalidation';
import { renderCacheState } from './render-cache-state.mjs';
import { pageTags } from './render-cache-tags.mjs';

/**
 * The app's side of the render cache (`render-cache-handler.mjs`). A storefront page of the render
 * cache is tagged, while it renders, with its tenant and the stamp `renderCacheState().stampFor` gives
 * for that tenant at that moment; the handler serves it only while `isCurrent(stamp)` holds, on every
 * instance and from every tier (its in-process copy and Redis alike).
 *
 * `stampFor`/`isCurrent` come from the tenants' cache versions, which every instance learns from the
 * database. Until a process has them installed, the fallback below stamps with this process's own
 * count of invalidations (from `onTenantInvalidated`): right for this process, and on another instance
 * at worst a needless miss or a page that lives until its `revalidate` lifetime.
 */
type Counters = { tenant: Map<string, number>; all: number };
const shared = globalThis as { __storefleetRenderCacheCounters?: Counters };
// Once per process, though the app's bundles may each load this module.
if (!shared.__storefleetRenderCacheCounters) {
  const fresh: Counters = { tenant: new Map(), all: 0 };
  shared.__storefleetRenderCacheCounters = fresh;
  onTenantInvalidated((tenantId) => {
    if (tenantId === ALL_TENANTS) fresh.all += 1;
    else fresh.tenant.set(tenantId, (fresh.tenant.get(tenantId) ?? 0) + 1);
  });
}
const counters = shared.__storefleetRenderCacheCounters;

const LOCAL_STAMP = 'local';
const state = renderCacheState();
state.stampFor ??= (tenantId) => JSON.stringify([LOCAL_STAMP, tenantId, counters.tenant.get(tenantId) ?? 0, counters.all]);
state.isCurrent ??= (stamp) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stamp);
  } catch {
    return true;
  }
  if (!Array.isArray(parsed) || parsed[0] !== LOCAL_STAMP) return true;
  const [, tenantId, tenantSeq, allSeq] = parsed as [string, string, number, number];
  return tenantSeq >= (counters.tenant.get(tenantId) ?? 0) && allSeq >= counters.all;
};

/** Never called for its value: Next.js collects the tags of an `unstable_cache` call into the page's. */
async function carryTags(): Promise<true> {
  return true;
}

/**
 * Called where a cached page resolves its tenant, which is as early as its render can know it: tags the
 * page with the tenant and the stamp taken now, so a change committed while it renders makes it a miss.
 * (`unstable_cache` adds its tags to the page being rendered; its own entry is never stored, see the
 * handler. Outside a Next.js render, as in unit tests, there is nothing to tag.)
 */
export async function tagCachedRender(tenantId: string): Promise<void> {
  const stamp = renderCacheState().stampFor?.(tenantId);
  try {
    await unstable_cache(carryTags, ['storefleet-render-cache-tags'], { tags: pageTags(tenantId, stamp) })();
  } catch {
    // No incremental cache here: not a render the cache could store.
  }
}
