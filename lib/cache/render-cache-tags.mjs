/**
 * The tags a storefront page of the render cache carries (Next.js stores a page's tags with it, in its
 * `x-next-cache-tags` header): the tenant it shows and the stamp of that tenant's cache versions taken
 * when its render started. The handler reads them back from the stored page; it never needs to know
 * how Next.js builds its cache keys. A stamp is opaque and may hold any character, so it is
 * URI-encoded (the header joins tags with commas).
 */
const TENANT_TAG_PREFIX = 'storefleet:tenant:';
const STAMP_TAG_PREFIX = 'storefleet:stamp:';

/** @param {string} tenantId @param {string | undefined} stamp */
export function pageTags(tenantId, stamp) {
  const tags = [TENANT_TAG_PREFIX + encodeURIComponent(tenantId)];
  if (stamp !== undefined) tags.push(STAMP_TAG_PREFIX + encodeURIComponent(stamp));
  return tags;
}

/** @param {readonly string[] | undefined} tags @returns {{ tenantId?: string, stamp?: string }} */
export function readPageTags(tags) {
  const found = {};
  for (const tag of tags ?? []) {
    try {
      if (tag.startsWith(TENANT_TAG_PREFIX)) found.tenantId = decodeURIComponent(tag.slice(TENANT_TAG_PREFIX.length));
      else if (tag.startsWith(STAMP_TAG_PREFIX)) found.stamp = decodeURIComponent(tag.slice(STAMP_TAG_PREFIX.length));
    } catch {
      // Not one of ours.
    }
  }
  return found;
}

/** True for the marker entry `render-cache.ts` asks Next.js to cache only to attach the page's tags. */
export function isTagCarrier(tags) {
  return Array.isArray(tags) && tags.some((tag) => typeof tag === 'string' && tag.startsWith(TENANT_TAG_PREFIX));
}
