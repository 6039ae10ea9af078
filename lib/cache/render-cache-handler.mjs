import { renderCacheState, tick } from './render-cache-state.mjs';

/**
 * Next.js's render cache for this app (`cacheHandler` in next.config.mjs), in this process's memory.
 * It holds the storefront pages every signed-out visitor of a shop sees alike (`app/shop-cache/`), and
 * Next's own prerendered pages.
 *
 * Why not Next's default (memory plus files under `.next`): it writes every page it renders to disk,
 * with no bound, and knows nothing of tenants. This one is bounded in bytes (least recently used pages
 * go first) and drops a shop's pages when that shop changes: an entry rendered before its tenant's last
 * change (as the app records it in `render-cache-state.mjs`, from PostgreSQL notifications that reach
 * every instance) is a miss, so a price or visibility change shows on the next request. The render's
 * start, not its end, is what counts, so a change made while a page renders cannot hide behind it.
 * Error pages (404 for an unknown or closed shop) and redirects are never stored.
 *
 * It is per instance; several instances each warm their own, and a shared store (Redis, PostgreSQL)
 * would only need the same invalidation check.
 */
const MEGABYTE = 1024 * 1024;

/** @type {Map<string, { value: any, lastModified: number, cacheControl: any, size: number, renderedAt: number, tags: string[] }>} */
const entries = new Map();
/** Cache key → clock when a render for it may have started (a miss, or a hit past its lifetime). */
const pending = new Map();
const MAX_PENDING = 10_000;
let bytes = 0;

export function maxBytes() {
  const mb = Number(process.env.RENDER_CACHE_MB);
  return (process.env.RENDER_CACHE_MB && Number.isFinite(mb) && mb >= 0 ? mb : 128) * MEGABYTE;
}

/**
 * The host of a storefront page's cache key, else null. Next.js keys a page by its kind, build and
 * path (`/route-cache/APP_PAGE/<hash>/$/shop-cache/<host>/…`); tests use the bare path.
 */
export function hostOfKey(key) {
  const match = /(?:^|\/\$)\/shop-cache\/([^/]+)/.exec(key);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/**
 * What is kept of a page: its HTML compressed (a catalog page's 80 KB of markup is about 12 KB; a hit
 * inflates it in a fraction of a millisecond) and outside the JavaScript heap, like its RSC payload, so
 * a full cache neither crowds the server's heap nor holds the same payload twice (the `/_full` segment
 * is usually a copy of it).
 */
function pack(value) {
  if (value?.kind !== 'APP_PAGE' || typeof value.html !== 'string') return { stored: value, size: 512 + approximateSize(value) };
  const zlib = builtinZlib();
  if (!zlib) return { stored: value, size: 512 + value.html.length * 2 + (value.rscData?.byteLength ?? 0) };
  const html = zlib.deflateRawSync(Buffer.from(value.html, 'utf8'), { level: zlib.constants.Z_BEST_SPEED });
  let size = 512 + html.byteLength + (value.rscData?.byteLength ?? 0);
  let segmentData = value.segmentData;
  if (segmentData instanceof Map) {
    segmentData = new Map();
    for (const [name, part] of value.segmentData) {
      const same = value.rscData && part.byteLength === value.rscData.byteLength && Buffer.from(part.buffer, part.byteOffset, part.byteLength).equals(value.rscData);
      segmentData.set(name, same ? value.rscData : part);
      if (!same) size += part.byteLength;
    }
  }
  return { stored: { ...value, html: undefined, packedHtml: html, segmentData }, size };
}

function approximateSize(value) {
  try {
    return JSON.stringify(value ?? null).length;
  } catch {
    return 64 * 1024;
  }
}

function unpack(stored) {
  if (!stored?.packedHtml) return stored;
  const { packedHtml, ...value } = stored;
  return { ...value, html: builtinZlib().inflateRawSync(packedHtml).toString('utf8') };
}

/**
 * Next.js also loads this handler inside its edge sandbox (for middleware), where Node's built-in
 * modules cannot be imported; zlib is taken at run time, and only where it exists.
 */
function builtinZlib() {
  return globalThis.process?.getBuiltinModule?.('node:zlib') ?? null;
}

function tagsOf(value) {
  const header = value?.headers?.['x-next-cache-tags'];
  return typeof header === 'string' ? header.split(',') : [];
}

function changedSince(entry, key) {
  const state = renderCacheState();
  if (entry.renderedAt <= state.allChangedAt) return true;
  const host = hostOfKey(key);
  const tenantId = host ? state.hostTenant.get(host) : undefined;
  if (tenantId && entry.renderedAt <= (state.tenantChangedAt.get(tenantId) ?? 0)) return true;
  for (const tag of entry.tags) if (entry.renderedAt <= (state.tagChangedAt.get(tag) ?? 0)) return true;
  return false;
}

function drop(key) {
  const entry = entries.get(key);
  if (!entry) return;
  entries.delete(key);
  bytes -= entry.size;
}

function notePending(key) {
  if (pending.has(key)) return;
  if (pending.size >= MAX_PENDING) pending.clear(); // forgetting only makes the next entry look newer
  pending.set(key, tick(renderCacheState()));
}

function pastLifetime(entry) {
  const revalidate = entry.cacheControl?.revalidate;
  return typeof revalidate === 'number' && entry.lastModified + revalidate * 1000 <= Date.now();
}

export default class RenderCacheHandler {
  constructor(_options) {}

  async get(key) {
    const entry = entries.get(key);
    if (!entry || changedSince(entry, key)) {
      drop(key);
      notePending(key);
      return null;
    }
    entries.delete(key); // most recently used last
    entries.set(key, entry);
    if (pastLifetime(entry)) notePending(key); // Next serves it and renders again in the background
    return { lastModified: entry.lastModified, value: unpack(entry.value), cacheControl: entry.cacheControl };
  }

  async set(key, value, context) {
    const started = pending.get(key);
    pending.delete(key);
    drop(key);
    // Neither error pages nor redirects: a listing whose query names nothing the shop has answers with
    // a redirect to the real one, and a stream of made-up queries must not fill the cache with them.
    if (!value || (typeof value.status === 'number' && value.status >= 300)) return;
    const { stored, size } = pack(value);
    const limit = maxBytes();
    if (size > limit) return;
    const renderedAt = started ?? tick(renderCacheState());
    entries.set(key, { value: stored, lastModified: Date.now(), cacheControl: context?.cacheControl, size, renderedAt, tags: tagsOf(value) });
    bytes += size;
    for (const oldest of entries.keys()) {
      if (bytes <= limit) break;
      drop(oldest);
    }
  }

  async revalidateTag(tags) {
    const state = renderCacheState();
    for (const tag of Array.isArray(tags) ? tags : [tags]) state.tagChangedAt.set(tag, tick(state));
  }

  resetRequestCache() {}
}

/**
 * For tests, the benchmark and an operator: what the cache holds. `entries` counts every page kept,
 * `live` only those a request would still be served (a page whose shop or tags changed since it was
 * rendered stays in memory until it is next asked for, and is then rendered again in its place).
 */
export function renderCacheStats() {
  let live = 0;
  for (const [key, entry] of entries) if (!changedSince(entry, key)) live++;
  return { entries: entries.size, live, bytes };
}
// The app's own code is bundled apart from this module, so it reads the figures through the shared state.
renderCacheState().stats = () => ({ ...renderCacheStats(), maxBytes: maxBytes() });

/** For tests: start empty. */
export function clearRenderCache() {
  entries.clear();
  pending.clear();
  bytes = 0;
}
