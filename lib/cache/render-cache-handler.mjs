import { renderCacheState } from './render-cache-state.mjs';
import { isTagCarrier, readPageTags } from './render-cache-tags.mjs';

/**
 * Next.js's render cache for this app (`cacheHandler` in next.config.mjs). It holds the storefront
 * pages every signed-out visitor of a shop sees alike (`app/shop-cache/`), and Next's own prerendered
 * pages.
 *
 * Two tiers. In this process, a least-recently-used set of pages bounded in bytes (RENDER_CACHE_MB).
 * With REDIS_URL, behind it Redis, shared by every instance: a page rendered on one instance is served
 * by all of them (`x-nextjs-cache: HIT` on the first request elsewhere). The Redis tier is
 * `@fortedigital/nextjs-cache-handler`'s `redis-strings` handler (docs/render-cache.md says why);
 * without REDIS_URL there is only memory, as Next's default would keep, but bounded.
 *
 * Invalidation needs no knowledge of Next's cache keys: a storefront page carries its tenant and the
 * stamp of that tenant's cache versions taken when its render started (tags, see render-cache.ts), and
 * a page whose stamp `renderCacheState().isCurrent` calls outdated is a miss, from either tier: an
 * instance that has learnt of a change never serves an older page, whichever instance rendered it.
 * The render's start, not its end, is what counts, so a change made while a page renders cannot hide
 * behind it. Error pages (404 for an unknown or closed shop) and redirects are never stored.
 *
 * Redis is an optimisation, never a dependency: each call to it is bounded (REDIS_READ_TIMEOUT_MS), and
 * a Redis that is down or slow costs at most that before the page is rendered and kept in memory.
 */
const MEGABYTE = 1024 * 1024;
const REDIS_KEY_PREFIX = 'storefleet:render:';
/**
 * A read that takes longer is a miss (a render takes longer still); a write may take longer, it is
 * off the visitor's critical path and a lost write costs every other instance a render.
 */
const REDIS_READ_TIMEOUT_MS = 250;
const REDIS_WRITE_TIMEOUT_MS = 2_000;
const FIRST_CONNECT_WAIT_MS = 250;
/** A page's Redis lifetime when Next gives none (`expireTime` in next.config.mjs is 600 s). */
const DEFAULT_EXPIRE_SECONDS = 600;

export function maxBytes() {
  const mb = Number(process.env.RENDER_CACHE_MB);
  const fallback = process.env.REDIS_URL ? 32 : 128; // with Redis the shared tier holds the rest
  return (process.env.RENDER_CACHE_MB && Number.isFinite(mb) && mb >= 0 ? mb : fallback) * MEGABYTE;
}

/**
 * What is kept of a page in memory: its HTML compressed (a catalog page's 80 KB of markup is about
 * 12 KB; a hit inflates it in a fraction of a millisecond) and outside the JavaScript heap, like its
 * RSC payload, so a full cache neither crowds the server's heap nor holds the same payload twice (the
 * `/_full` segment is usually a copy of it).
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
      const same =
        value.rscData && part.byteLength === value.rscData.byteLength && Buffer.from(part.buffer, part.byteOffset, part.byteLength).equals(value.rscData);
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
 * Next.js may also load this handler inside its edge sandbox, where Node's built-in modules cannot be
 * imported; zlib is taken at run time, and only where it exists.
 */
function builtinZlib() {
  return globalThis.process?.getBuiltinModule?.('node:zlib') ?? null;
}

/**
 * How a page is written to Redis: as the library's JSON (binary parts in base64), with the HTML
 * deflated, which is most of a page's size, and a segment that repeats the RSC payload (`/_full`
 * usually does) stored once.
 */
const SAME_AS_RSC = '=rscData';
const redisSerializer = {
  serialize(entry) {
    const zlib = builtinZlib();
    const value = entry?.value;
    if (!zlib || value?.kind !== 'APP_PAGE' || typeof value.html !== 'string') return JSON.stringify(entry);
    const html = zlib.deflateRawSync(Buffer.from(value.html, 'utf8'), { level: zlib.constants.Z_BEST_SPEED }).toString('base64');
    let segmentData = value.segmentData;
    if (segmentData && typeof segmentData === 'object' && typeof value.rscData === 'string') {
      segmentData = Object.fromEntries(Object.entries(segmentData).map(([name, part]) => [name, part === value.rscData ? SAME_AS_RSC : part]));
    }
    return JSON.stringify({ ...entry, value: { ...value, html: undefined, deflatedHtml: html, segmentData } });
  },
  deserialize(stored) {
    const entry = JSON.parse(typeof stored === 'string' ? stored : String(stored));
    const value = entry?.value;
    if (typeof value?.deflatedHtml === 'string') {
      const { deflatedHtml, ...rest } = value;
      if (rest.segmentData && typeof rest.segmentData === 'object') {
        rest.segmentData = Object.fromEntries(Object.entries(rest.segmentData).map(([name, part]) => [name, part === SAME_AS_RSC ? rest.rscData : part]));
      }
      entry.value = { ...rest, html: builtinZlib().inflateRawSync(Buffer.from(deflatedHtml, 'base64')).toString('utf8') };
    }
    return entry;
  },
};

function tagsOf(value) {
  const header = value?.headers?.['x-next-cache-tags'];
  return typeof header === 'string' ? header.split(',') : Array.isArray(header) ? header : [];
}

/** A page rendered for a tenant before a change this process knows of, or whose tags Next revalidated. */
function outdated(entry) {
  const state = renderCacheState();
  if (entry.stamp !== undefined && state.isCurrent && !state.isCurrent(entry.stamp)) return true;
  for (const tag of entry.tags) if (entry.lastModified <= (state.tagChangedAt.get(tag) ?? 0)) return true;
  return false;
}

/**
 * The Redis tier: `redis-strings` over the process's shared client, created on first use. Null without
 * REDIS_URL, and null in the edge sandbox.
 */
async function createRedisTier() {
  if (!process.env.REDIS_URL || !globalThis.process?.getBuiltinModule) return null;
  const [{ sharedRedis, whenReady }, { default: createRedisHandler }] = await Promise.all([
    import('../redis/connection.mjs'),
    import('@fortedigital/nextjs-cache-handler/redis-strings'),
  ]);
  const client = sharedRedis();
  if (!client) return null;
  // The process's first page waits for the connection being opened (a few ms on a LAN), not a miss.
  await whenReady(client, FIRST_CONNECT_WAIT_MS);
  const handler = (timeoutMs) =>
    createRedisHandler({ client, keyPrefix: REDIS_KEY_PREFIX, timeoutMs, keyExpirationStrategy: 'EXAT', valueSerializer: redisSerializer });
  return { read: handler(REDIS_READ_TIMEOUT_MS), write: handler(REDIS_WRITE_TIMEOUT_MS) };
}

/**
 * One instance's render cache: its in-memory pages and its way to Redis. Next.js constructs a handler
 * per request; they all share the process's one store (tests make several, to play several instances).
 */
export class RenderCacheStore {
  constructor() {
    /** @type {Map<string, { value: any, lastModified: number, cacheControl: any, size: number, tags: string[], stamp?: string }>} */
    this.entries = new Map();
    this.bytes = 0;
    /** @type {Promise<any> | undefined} */
    this.redisTier = undefined;
  }

  redis() {
    this.redisTier ??= createRedisTier().catch(() => null);
    return this.redisTier;
  }

  drop(key) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.size;
  }

  remember(key, entry) {
    this.drop(key);
    const limit = maxBytes();
    if (limit === 0) return;
    const { stored, size } = pack(entry.value);
    if (size > limit) return;
    this.entries.set(key, { ...entry, value: stored, size });
    this.bytes += size;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= limit) break;
      this.drop(oldest);
    }
  }

  async get(key, context) {
    // The empty entry render-cache.ts asks for only to tag a page: never stored, never read.
    if (isTagCarrier(context?.tags)) return null;
    let entry = this.entries.get(key);
    if (entry && outdated(entry)) {
      this.drop(key);
      entry = undefined;
    }
    if (entry) {
      this.entries.delete(key); // most recently used last
      this.entries.set(key, entry);
      return { lastModified: entry.lastModified, value: unpack(entry.value), cacheControl: entry.cacheControl };
    }
    const shared = await this.readShared(key, context);
    if (!shared) return null;
    this.remember(key, shared);
    return { lastModified: shared.lastModified, value: shared.value, cacheControl: shared.cacheControl };
  }

  async readShared(key, context) {
    let found;
    try {
      const redis = await this.redis();
      if (!redis) return null;
      found = await redis.read.get(key, { implicitTags: context?.softTags ?? [] });
    } catch {
      return null; // Redis down or slow: a miss, rendered and kept here
    }
    if (!found?.value) return null;
    const entry = {
      value: found.value,
      lastModified: found.lastModified,
      cacheControl: found.cacheControl,
      tags: [...(found.tags ?? [])],
      stamp: found.stamp ?? undefined,
    };
    return outdated(entry) ? null : entry;
  }

  async set(key, value, context) {
    if (isTagCarrier(context?.tags)) return;
    this.drop(key);
    // Neither error pages nor redirects: a listing whose query names nothing the shop has answers with
    // a redirect to the real one, and a stream of made-up queries must not fill the cache with them.
    if (!value || (typeof value.status === 'number' && value.status >= 300)) return;
    const tags = tagsOf(value);
    const { stamp } = readPageTags(tags);
    const entry = { value, lastModified: Date.now(), cacheControl: context?.cacheControl, tags, stamp };
    // Rendered from data a change has since replaced: not worth keeping anywhere.
    if (outdated(entry)) return;
    this.remember(key, entry);
    await this.writeShared(key, entry);
  }

  async writeShared(key, entry) {
    try {
      const redis = await this.redis();
      if (!redis) return;
      const expireAge = entry.cacheControl?.expire ?? DEFAULT_EXPIRE_SECONDS;
      const lastModifiedAt = Math.floor(entry.lastModified / 1000);
      await redis.write.set(key, {
        value: entry.value,
        lastModified: entry.lastModified,
        cacheControl: entry.cacheControl,
        tags: entry.tags,
        stamp: entry.stamp ?? null,
        lifespan: {
          lastModifiedAt,
          expireAge,
          expireAt: lastModifiedAt + expireAge,
          revalidate: entry.cacheControl?.revalidate,
          staleAge: entry.cacheControl?.revalidate,
          staleAt: lastModifiedAt + (entry.cacheControl?.revalidate || expireAge),
        },
      });
    } catch {
      // Kept in memory; the other instances render it themselves.
    }
  }

  /**
   * Next's own tag revalidation (revalidatePath on the console's pages): per process, as before. The
   * storefront's invalidation is the stamp, which reaches every instance through the database.
   */
  revalidateTag(tags) {
    const state = renderCacheState();
    // In wall-clock milliseconds, like a page's lastModified (a page stored in the same millisecond is dropped too).
    for (const tag of Array.isArray(tags) ? tags : [tags]) state.tagChangedAt.set(tag, Date.now());
  }

  stats() {
    let live = 0;
    for (const entry of this.entries.values()) if (!outdated(entry)) live++;
    return { entries: this.entries.size, live, bytes: this.bytes };
  }

  clear() {
    this.entries.clear();
    this.bytes = 0;
  }
}

const processStore = (() => {
  const g = /** @type {{ __storefleetRenderCacheStore?: RenderCacheStore }} */ (globalThis);
  g.__storefleetRenderCacheStore ??= new RenderCacheStore();
  return g.__storefleetRenderCacheStore;
})();

export default class RenderCacheHandler {
  /** @param {{ store?: RenderCacheStore }} [options] Next.js passes its own options; `store` is for tests. */
  constructor(options) {
    this.store = options?.store instanceof RenderCacheStore ? options.store : processStore;
  }

  get(key, context) {
    return this.store.get(key, context);
  }

  set(key, value, context) {
    return this.store.set(key, value, context);
  }

  async revalidateTag(tags) {
    this.store.revalidateTag(tags);
  }

  resetRequestCache() {}
}

/**
 * For tests, the benchmark and an operator: what this process holds in memory. `entries` counts every
 * page kept, `live` only those a request would still be served (a page whose shop changed since it was
 * rendered stays in memory until it is next asked for, and is then rendered again in its place).
 */
export function renderCacheStats() {
  return processStore.stats();
}
// The app's own code is bundled apart from this module, so it reads the figures through the shared state.
renderCacheState().stats = () => ({ ...renderCacheStats(), maxBytes: maxBytes(), shared: Boolean(process.env.REDIS_URL) });

/** For tests: start empty. */
export function clearRenderCache() {
  processStore.clear();
}
