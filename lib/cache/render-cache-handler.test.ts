import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import RenderCacheHandler, { clearRenderCache, renderCacheStats } from './render-cache-handler.mjs';
import { renderCacheState } from './render-cache-state.mjs';
import { pageTags } from './render-cache-tags.mjs';
import './render-cache';

/**
 * A change of a tenant (or `*`, the shared catalog) as every instance learns it: its cache version on the
 * platform database moves on (lib/cache/cache-versions.ts keeps `versions` current from the databases).
 */
function bumpVersion(scope: string): void {
  const { versions } = renderCacheState();
  const key = `default:${scope}`;
  versions.set(key, (versions.get(key) ?? 0) + 1);
}

const NEXT_KEY = (path: string) => `/route-cache/APP_PAGE/5e7d608d7f20edc0c407863a29fd5595/$${path}`;
/** A page as Next.js hands it over: tagged (render-cache.ts) with its tenant and the stamp taken as its render began. */
const page = (html: string, tenantId: string | null, status = 200, stamp = tenantId ? renderCacheState().stampFor?.(tenantId) : undefined) => ({
  kind: 'APP_PAGE',
  html,
  rscData: Buffer.from(`rsc:${html}`),
  headers: tenantId ? { 'x-next-cache-tags': ['_N_T_/layout', ...pageTags(tenantId, stamp)].join(',') } : {},
  status,
});
const context = { cacheControl: { revalidate: 60, expire: undefined } };

/** What a request for `key` gets: the cached page's html, or null for a miss (Next then renders and sets). */
async function read(cache: RenderCacheHandler, key: string): Promise<string | null> {
  const hit = await cache.get(key);
  return hit ? (hit.value as { html: string }).html : null;
}

async function render(cache: RenderCacheHandler, key: string, html: string, tenantId: string | null = 'tenant-acme', status = 200) {
  expect(await read(cache, key)).toBeNull();
  await cache.set(key, page(html, tenantId, status), context);
}

describe('render cache handler, in memory (no REDIS_URL)', () => {
  const cache = new RenderCacheHandler({});
  // The keys are Next's own; the handler never reads a host out of them (any key would do).
  const acme = NEXT_KEY('/shop-cache/acme.localhost/products/all');
  const acmePage2 = NEXT_KEY('/shop-cache/acme.localhost/products/page=2');
  const bolt = NEXT_KEY('/shop-cache/bolt.localhost/products/all');

  beforeEach(() => {
    renderCacheState().following = true; // as once lib/cache/cache-versions.ts has read the versions
    clearRenderCache();
    delete process.env.RENDER_CACHE_MB;
    delete process.env.REDIS_URL;
  });
  afterEach(() => delete process.env.RENDER_CACHE_MB);

  it('serves a page once rendered, until its shop changes; other shops keep theirs', async () => {
    await render(cache, acme, 'acme v1', 'tenant-acme');
    await render(cache, bolt, 'bolt v1', 'tenant-bolt');
    expect(await read(cache, acme)).toBe('acme v1');

    bumpVersion('tenant-acme'); // a price or visibility change of acme, from any instance
    expect(await read(cache, acme)).toBeNull();
    expect(await read(cache, bolt)).toBe('bolt v1');
    await cache.set(acme, page('acme v2', 'tenant-acme'), context);
    expect(await read(cache, acme)).toBe('acme v2');
  });

  it('drops a page by its tenant tag, whatever its key looks like', async () => {
    const odd = '/some/future/key/format/without/any/host';
    await render(cache, odd, 'acme, keyed oddly', 'tenant-acme');
    expect(await read(cache, odd)).toBe('acme, keyed oddly');
    bumpVersion('tenant-acme');
    expect(await read(cache, odd)).toBeNull();
  });

  it('does not keep a page whose render began before its shop changed', async () => {
    expect(await read(cache, acme)).toBeNull();
    const stampAtStart = renderCacheState().stampFor?.('tenant-acme'); // render starts here, with the old prices
    bumpVersion('tenant-acme'); // the owner saves a price meanwhile
    await cache.set(acme, page('acme rendered with old prices', 'tenant-acme', 200, stampAtStart), context);
    expect(await read(cache, acme)).toBeNull();
  });

  it('drops every shop when the shared catalog changes', async () => {
    await render(cache, acme, 'acme', 'tenant-acme');
    await render(cache, bolt, 'bolt', 'tenant-bolt');
    bumpVersion('*');
    expect(await read(cache, acme)).toBeNull();
    expect(await read(cache, bolt)).toBeNull();
  });

  it('obeys the installed cache versions: a stamp they call outdated is a miss, and counts as not live', async () => {
    const state = renderCacheState();
    const saved = { stampFor: state.stampFor, isCurrent: state.isCurrent };
    const versions = new Map<string, number>([['tenant-acme', 1]]);
    state.stampFor = (tenantId) => `${tenantId}@${versions.get(tenantId) ?? 0}`;
    state.isCurrent = (stamp) => {
      const [tenantId, version] = stamp.split('@');
      return Number(version) >= (versions.get(tenantId ?? '') ?? 0);
    };
    try {
      await render(cache, acme, 'acme at version 1', 'tenant-acme');
      expect(await read(cache, acme)).toBe('acme at version 1');
      expect(renderCacheStats()).toMatchObject({ entries: 1, live: 1 });
      versions.set('tenant-acme', 2); // learnt from the database: acme changed
      expect(renderCacheStats()).toMatchObject({ entries: 1, live: 0 });
      expect(await read(cache, acme)).toBeNull();
    } finally {
      Object.assign(state, saved);
    }
  });

  it('never stores an error page', async () => {
    await render(cache, NEXT_KEY('/shop-cache/unknown.localhost/products/all'), 'not found', null, 404);
    expect(await read(cache, NEXT_KEY('/shop-cache/unknown.localhost/products/all'))).toBeNull();
    expect(renderCacheStats().entries).toBe(0);
  });

  it('never stores a redirect (a listing of made-up values answers with one)', async () => {
    for (const status of [307, 308]) {
      const key = NEXT_KEY(`/shop-cache/acme.localhost/products/brand%3Dmade-up-${status}`);
      await render(cache, key, '', 'tenant-acme', status);
      expect(await read(cache, key)).toBeNull();
    }
    expect(renderCacheStats().entries).toBe(0);
    expect(renderCacheState().stats?.()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('stays within its size, letting the least recently used pages go', async () => {
    const big = (n: number) => `${n}`.padEnd(300, '.');
    await render(cache, acme, big(1));
    const perPage = renderCacheStats().bytes;
    clearRenderCache();
    const limit = 3 * perPage + 20; // room for three of these pages
    process.env.RENDER_CACHE_MB = String(limit / (1024 * 1024));
    await render(cache, acme, big(1));
    await render(cache, acmePage2, big(2));
    await render(cache, bolt, big(3));
    expect(await read(cache, acme)).toBe(big(1)); // now the most recently used
    await render(cache, NEXT_KEY('/shop-cache/bolt.localhost/products/page=2'), big(4));
    expect(renderCacheStats().entries).toBe(3);
    expect(await read(cache, acmePage2)).toBeNull(); // the least recently used went
    expect(await read(cache, acme)).toBe(big(1));
    expect(renderCacheStats().bytes).toBeLessThanOrEqual(limit);
  });

  it('keeps a page compressed and gives it back whole', async () => {
    const html = `<!DOCTYPE html><main>${'<li>Michelin Pilot Sport 5 205/55 R16 · €123.45 “quoted”</li>'.repeat(400)}</main>`;
    expect(await read(cache, acme)).toBeNull();
    await cache.set(acme, { ...page(html, 'tenant-acme'), rscData: Buffer.from('rsc') }, context);
    expect(renderCacheStats().bytes).toBeLessThan(html.length / 4);
    expect(await read(cache, acme)).toBe(html);
  });

  it('forgets tags revalidated by Next.js', async () => {
    await cache.set(acme, { ...page('tagged', null), headers: { 'x-next-cache-tags': '_N_T_/layout,_N_T_/shop-cache/acme.localhost/layout' } }, context);
    expect(await read(cache, acme)).toBe('tagged');
    await cache.revalidateTag(['_N_T_/shop-cache/acme.localhost/layout']);
    expect(await read(cache, acme)).toBeNull();
  });

  it('never stores the empty entry that only carries a page its tags', async () => {
    const carrier = { cacheControl: undefined, fetchCache: true, tags: pageTags('tenant-acme', 'x') };
    await cache.set('fetch-key', { kind: 'FETCH', data: { body: 'true', headers: {}, url: '' }, revalidate: 31536000 }, carrier);
    expect(await cache.get('fetch-key', { kind: 'FETCH', tags: carrier.tags })).toBeNull();
    expect(renderCacheStats().entries).toBe(0);
  });
});
