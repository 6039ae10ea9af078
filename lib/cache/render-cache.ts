import { unstable_cache } from 'next/cache';
import { renderCacheState } from './render-cache-state.mjs';
import { pageTags } from './render-cache-tags.mjs';

/**
 * The app's side of the render cache (`render-cache-handler.mjs`). A storefront page of the render
 * cache is tagged, while it renders, with its tenant and the stamp `renderCacheState().stampFor` gives
 * for that tenant at that moment; the handler serves it only while `isCurrent(stamp)` holds, on every
 * instance and from every tier (its in-process copy and Redis alike).
 *
 * `stampFor`/`isCurrent` come from the tenants' cache versions (render-cache-state.mjs, kept current by
 * lib/cache/cache-versions.ts), which every instance learns from the databases: a stamp taken on one
 * instance means the same on every other.
 */

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
