import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import RenderCacheHandler, { clearRenderCache, hostOfKey, renderCacheStats } from './render-cache-handler.mjs';
import { renderCacheState, tick } from './render-cache-state.mjs';
import { noteCachedHost } from './render-cache';
import { invalidateTenantLocally } from './cache-invalidation';

const NEXT_KEY = (path: string) => `/route-cache/APP_PAGE/5e7d608d7f20edc0c407863a29fd5595/$${path}`;
const page = (html: string, status = 200) => ({ kind: 'APP_PAGE', html, rscData: Buffer.from(`rsc:${html}`), headers: {}, status });
const context = { cacheControl: { revalidate: 60, expire: undefined } };

/** What a request for `key` gets: the cached page's html, or null for a miss (Next then renders and sets). */
async function read(cache: RenderCacheHandler, key: string): Promise<string | null> {
  const hit = await cache.get(key);
  return hit ? (hit.value as { html: string }).html : null;
}

async function render(cache: RenderCacheHandler, key: string, html: string, status = 200) {
  expect(await read(cache, key)).toBeNull();
  await cache.set(key, page(html, status), context);
}

describe('render cache handler', () => {
  const cache = new RenderCacheHandler({});
  const acme = NEXT_KEY('/shop-cache/acme.localhost/products/all');
  const acmePage2 = NEXT_KEY('/shop-cache/acme.localhost/products/page=2');
  const bolt = NEXT_KEY('/shop-cache/bolt.localhost/products/all');

  beforeEach(() => {
    clearRenderCache();
    noteCachedHost('acme.localhost', 'tenant-acme');
    noteCachedHost('bolt.localhost', 'tenant-bolt');
    delete process.env.RENDER_CACHE_MB;
  });
  afterEach(() => delete process.env.RENDER_CACHE_MB);

  it('reads the host of a page from the key Next.js uses', () => {
    expect(hostOfKey(acme)).toBe('acme.localhost');
    expect(hostOfKey('/shop-cache/shop.example.com')).toBe('shop.example.com');
    expect(hostOfKey(NEXT_KEY('/platform'))).toBeNull();
    expect(hostOfKey(NEXT_KEY('/shop/acme.localhost/products'))).toBeNull();
  });

  it('serves a page once rendered, until its shop changes; other shops keep theirs', async () => {
    await render(cache, acme, 'acme v1');
    await render(cache, bolt, 'bolt v1');
    expect(await read(cache, acme)).toBe('acme v1');

    invalidateTenantLocally('tenant-acme'); // a price or visibility change of acme, from any instance
    expect(await read(cache, acme)).toBeNull();
    expect(await read(cache, bolt)).toBe('bolt v1');
    await cache.set(acme, page('acme v2'), context);
    expect(await read(cache, acme)).toBe('acme v2');
  });

  it('does not keep a page whose render began before its shop changed', async () => {
    expect(await read(cache, acme)).toBeNull(); // render starts here, with the old prices
    invalidateTenantLocally('tenant-acme'); // the owner saves a price meanwhile
    await cache.set(acme, page('acme rendered with old prices'), context);
    expect(await read(cache, acme)).toBeNull();
  });

  it('drops every shop when the shared catalog changes', async () => {
    await render(cache, acme, 'acme');
    await render(cache, bolt, 'bolt');
    invalidateTenantLocally('*');
    expect(await read(cache, acme)).toBeNull();
    expect(await read(cache, bolt)).toBeNull();
  });

  it('never stores an error page', async () => {
    await render(cache, NEXT_KEY('/shop-cache/unknown.localhost/products/all'), 'not found', 404);
    expect(await read(cache, NEXT_KEY('/shop-cache/unknown.localhost/products/all'))).toBeNull();
    expect(renderCacheStats().entries).toBe(0);
  });

  it('never stores a redirect (a listing of made-up values answers with one)', async () => {
    for (const status of [307, 308]) {
      const key = NEXT_KEY(`/shop-cache/acme.localhost/products/brand%3Dmade-up-${status}`);
      await render(cache, key, '', status);
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
    await cache.set(acme, { ...page(html), rscData: Buffer.from('rsc') }, context);
    expect(renderCacheStats().bytes).toBeLessThan(html.length / 4);
    expect(await read(cache, acme)).toBe(html);
  });

  it('forgets tags revalidated by Next.js', async () => {
    await cache.set(acme, { ...page('tagged'), headers: { 'x-next-cache-tags': '_N_T_/layout,_N_T_/shop-cache/acme.localhost/layout' } }, context);
    expect(await read(cache, acme)).toBe('tagged');
    await cache.revalidateTag(['_N_T_/shop-cache/acme.localhost/layout']);
    expect(await read(cache, acme)).toBeNull();
  });

  it('orders events on one clock shared with the app', () => {
    const state = renderCacheState();
    const before = state.clock;
    expect(tick(state)).toBe(before + 1);
  });
});
