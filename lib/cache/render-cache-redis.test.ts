import { createClient } from 'redis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testRedis } from '@/tests/support/redis-server';
import { closeSharedRedis } from '@/lib/redis/connection.mjs';
import RenderCacheHandler, { RenderCacheStore } from './render-cache-handler.mjs';
import { renderCacheState } from './render-cache-state.mjs';
import { pageTags } from './render-cache-tags.mjs';

/**
 * Two app instances sharing one Redis (REDIS_URL): each has its own in-memory tier in front, as two
 * processes would. The tenants' cache versions are faked here the way `renderCacheState` exposes them.
 */
const redis = testRedis();
const versions = new Map<string, number>();
const state = renderCacheState();
const saved = { stampFor: state.stampFor, isCurrent: state.isCurrent };

const key = '/route-cache/APP_PAGE/build/$/shop-cache/acme.localhost/products/all';
const context = { cacheControl: { revalidate: 60, expire: 600 } };
const page = (html: string, tenantId = 'tenant-acme') => ({
  kind: 'APP_PAGE',
  html,
  rscData: Buffer.from(`rsc:${html}`),
  segmentData: new Map([['/_full', Buffer.from(`rsc:${html}`)]]),
  headers: { 'x-next-cache-tags': ['_N_T_/layout', ...pageTags(tenantId, state.stampFor?.(tenantId))].join(',') },
  status: 200,
});
const htmlOf = async (cache: RenderCacheHandler) => ((await cache.get(key, { softTags: [] })) as { value: { html: string } } | null)?.value.html ?? null;

let instanceA: RenderCacheHandler;
let instanceB: RenderCacheHandler;

beforeAll(async () => {
  await redis.start();
  process.env.REDIS_URL = redis.url;
  state.stampFor = (tenantId) => `${tenantId}@${versions.get(tenantId) ?? 0}`;
  state.isCurrent = (stamp) => {
    const [tenantId, version] = stamp.split('@');
    return Number(version) >= (versions.get(tenantId ?? '') ?? 0);
  };
});

afterAll(async () => {
  Object.assign(state, saved);
  delete process.env.REDIS_URL;
  await closeSharedRedis().finally(() => redis.stop());
});

beforeEach(async () => {
  versions.clear();
  instanceA = new RenderCacheHandler({ store: new RenderCacheStore() });
  instanceB = new RenderCacheHandler({ store: new RenderCacheStore() });
  const admin = createClient({ url: redis.url });
  await admin.connect();
  await admin.flushAll();
  await admin.destroy();
});

describe('render cache with Redis', () => {
  it('serves a page rendered on one instance on another, whole (html, RSC payload, segments)', async () => {
    expect(await htmlOf(instanceA)).toBeNull();
    await instanceA.set(key, page('acme, rendered on A'), context);
    const hit = (await instanceB.get(key, { softTags: [] })) as { value: { html: string; rscData: Buffer; segmentData: Map<string, Buffer> } } | null;
    expect(hit?.value.html).toBe('acme, rendered on A');
    expect(hit?.value.rscData.toString()).toBe('rsc:acme, rendered on A');
    expect(hit?.value.segmentData.get('/_full')?.toString()).toBe('rsc:acme, rendered on A');
  });

  it('a page rendered before its tenant changed is a miss on every instance, also from the memory in front', async () => {
    await instanceA.set(key, page('acme v1'), context);
    expect(await htmlOf(instanceB)).toBe('acme v1'); // B now holds it in memory too
    expect(await htmlOf(instanceA)).toBe('acme v1');
    versions.set('tenant-acme', 1); // both instances learn that acme changed
    expect(await htmlOf(instanceA)).toBeNull();
    expect(await htmlOf(instanceB)).toBeNull();
    await instanceB.set(key, page('acme v2'), context); // B renders afresh
    expect(await htmlOf(instanceA)).toBe('acme v2');
  });

  it('the memory in front does not serve a page its stamp calls outdated, even if Redis still has no newer one', async () => {
    await instanceA.set(key, page('acme v1'), context);
    expect(await htmlOf(instanceB)).toBe('acme v1');
    await redis.stop(); // only B's memory is left to answer
    try {
      versions.set('tenant-acme', 1);
      expect(await htmlOf(instanceB)).toBeNull();
    } finally {
      await redis.start();
    }
  });

  it('other tenants keep their pages when one changes', async () => {
    const boltKey = `${key}-bolt`;
    await instanceA.set(boltKey, page('bolt', 'tenant-bolt'), context);
    versions.set('tenant-acme', 5);
    expect(((await instanceB.get(boltKey, { softTags: [] })) as { value: { html: string } } | null)?.value.html).toBe('bolt');
  });

  it('with Redis down, pages are rendered and kept in memory; nothing throws', async () => {
    await redis.stop();
    try {
      expect(await htmlOf(instanceA)).toBeNull();
      await instanceA.set(key, page('acme, Redis down'), context);
      expect(await htmlOf(instanceA)).toBe('acme, Redis down');
      expect(await htmlOf(instanceB)).toBeNull();
    } finally {
      await redis.start();
    }
  });
});
