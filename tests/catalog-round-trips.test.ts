import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection, Database } from '@/db/client';
import { getRegistry } from '@/db/connection-registry';
import * as schema from '@/db/schema';
import { brands, tenantArticlePrices, tenants, tenantVisibleBrands } from '@/db/schema';
import { DEMO_CUSTOMER } from '@/db/seed/seed-demo';
import { announceTenantChange, ensureCacheInvalidationListener } from '@/lib/cache/cache-invalidation';
import { renderCacheState } from '@/lib/cache/render-cache-state.mjs';
import { TenantMemo } from '@/lib/cache/tenant-memo';
import { canonicalCatalogQuery } from '@/lib/catalog/canonical-catalog-query';
import { refreshCatalogSummaries } from '@/lib/catalog/catalog-summary';
import { parseCatalogQuery } from '@/lib/catalog/catalog-query';
import { listVisibleArticles } from '@/lib/catalog/list-visible-articles';
import { TenantCache } from '@/lib/tenancy/tenant-cache';
import { forgetAllTenants } from '@/lib/tenancy/tenant-directory';
import { signInThrough } from './support/auth-session';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

/**
 * How many statements a storefront page sends, counted at drizzle's query logger (begin and commit of a
 * tenant transaction are not counted: add two per transaction for what reaches the server), and that
 * what is kept in process between pages follows every change on the next request, for that shop only.
 */

const request = vi.hoisted(() => ({ host: 'acme.localhost', cookie: '' }));
/** Which request is being rendered: React's `cache()` keeps a function's results for one request. */
const render = vi.hoisted(() => ({ request: 0 }));
vi.mock('server-only', () => ({}));
// Outside a React server render `cache()` keeps nothing; here it keeps what it would keep during one.
vi.mock('react', async (importOriginal) => {
  const actual = await importOriginal<typeof import('react')>();
  const cache = <A extends unknown[], R>(fn: (...args: A) => R) => {
    let scope = -1;
    let results = new Map<string, R>();
    return (...args: A): R => {
      if (scope !== render.request) [scope, results] = [render.request, new Map()];
      const key = JSON.stringify(args);
      if (!results.has(key)) results.set(key, fn(...args));
      return results.get(key)!;
    };
  };
  return { ...actual, cache, default: { ...actual, cache } };
});
vi.mock('next/headers', async () => {
  const { cookieStore } = await import('./support/auth-session');
  return {
    headers: async () => new Headers({ host: request.host, cookie: request.cookie, 'x-forwarded-proto': 'http' }),
    cookies: async () => cookieStore(request.cookie),
  };
});

let demo: DemoCatalog;
let acme: string;
const sent: string[] = [];
const counting = new WeakMap<Connection, Database>();

/** Every statement the app sends through the default database's `db`, but the cache-version polls. */
async function countStatements(): Promise<void> {
  const connection: Connection = await getRegistry().get('default');
  const known = counting.get(connection);
  if (known) {
    connection.db = known;
    return;
  }
  const logger = { logQuery: (query: string) => void (/cache_versions|pg_snapshot_xmin/.test(query) ? undefined : sent.push(query)) };
  const options = { schema, casing: 'snake_case' as const, logger };
  const client = (connection.db as unknown as { $client: unknown }).$client;
  const db =
    connection.kind === 'pglite'
      ? (await import('drizzle-orm/pglite')).drizzle({ client: client as never, ...options })
      : (await import('drizzle-orm/postgres-js')).drizzle({ client: client as never, ...options });
  counting.set(connection, db as unknown as Database);
  connection.db = db as unknown as Database;
}

async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  sent.length = 0;
  await work();
  return [...sent];
}

/** Runs `work` with the clocks the caches read (Date.now, performance.now) `ms` ahead. */
async function later<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const performanceNow = performance.now.bind(performance);
  const dateNow = Date.now.bind(Date);
  const clocks = [vi.spyOn(performance, 'now').mockImplementation(() => performanceNow() + ms), vi.spyOn(Date, 'now').mockImplementation(() => dateNow() + ms)];
  try {
    return await work();
  } finally {
    for (const clock of clocks) clock.mockRestore();
  }
}

/** A signed-out visitor's listing as the render cache renders it: shop, canonical query, listing. */
async function publicPage(host: string, params: Record<string, string> = {}) {
  render.request++;
  const { getPublicShop } = await import('@/lib/tenancy/current-shop');
  const shop = await getPublicShop(host);
  const db = (await getRegistry().get('default')).db;
  const query = await canonicalCatalogQuery(db, { tenantId: shop.tenant.id, rules: shop.rules, kinds: shop.kinds }, parseCatalogQuery(params));
  return { shop, listing: await listVisibleArticles(db, { tenantId: shop.tenant.id, rules: shop.rules }, query) };
}

/** A signed-in customer's listing: the shop (checked against the Host header), the layout's customer and cart, the listing. */
async function signedInPage(host: string, cookie: string) {
  render.request++;
  Object.assign(request, { host, cookie });
  const { getShop } = await import('@/lib/tenancy/current-shop');
  const { getSignedInCustomer, getCurrentCustomer } = await import('@/lib/auth/current-customer');
  const shop = await getShop(host);
  const signedIn = await getSignedInCustomer(shop.tenant.id);
  const customer = await getCurrentCustomer(shop.tenant.id);
  const listing = await listVisibleArticles((await getRegistry().get('default')).db, { tenantId: shop.tenant.id, rules: shop.rules }, parseCatalogQuery({}));
  return { signedIn, customer, listing };
}

const brandsShown = async (host: string) => (await publicPage(host)).listing.facets.brand.map((b) => b.value).sort();

beforeAll(async () => {
  demo = await seedDemoForTest({ articleCount: 60 });
  await refreshCatalogSummaries(demo.db); // as at deploy (db/setup.ts)
  ({ acme } = demo.tenantIds);
  await ensureCacheInvalidationListener();
  await countStatements();
}, 60_000);
afterAll(async () => demo?.cleanup());
beforeEach(() => Object.assign(request, { host: 'acme.localhost', cookie: '' }));

describe('statements per page', () => {
  it('a shop first seen: tenant, rules, kinds, stored summary and page in one statement each (was 9)', async () => {
    await publicPage('consumer.localhost'); // the shared catalog's dimensions and version, read once per process
    forgetAllTenants();
    const cold = await statementsOf(() => publicPage('atraxion.localhost'));
    expect(cold, cold.join('\n')).toHaveLength(5);
  });

  it('a known shop, eleven minutes after its last page: only the page itself (nothing kept expired)', async () => {
    await publicPage('acme.localhost');
    // Longer than every expiry the caches had (tenant 30 s, rules and kinds 60 s, summary 10 min).
    const warm = await later(11 * 60_000, () => statementsOf(() => publicPage('acme.localhost', { page: '2' })));
    expect(warm, warm.join('\n')).toHaveLength(1);
  });

  it('signed in: one tenant transaction for customer and cart, then the page (was 7 in two transactions)', async () => {
    const { handlers } = await import('@/lib/auth/auth');
    const cookie = await signInThrough({
      handlers,
      host: 'acme.localhost',
      basePath: '/api/auth',
      providerId: 'credentials',
      email: DEMO_CUSTOMER.email,
      password: DEMO_CUSTOMER.password,
    });
    const first = await signedInPage('acme.localhost', cookie!);
    expect(first.customer).toMatchObject({ email: DEMO_CUSTOMER.email });
    expect(first.signedIn?.cartUnits).toBe(0);
    const { addToCart } = await import('@/lib/cart/cart-service');
    const tenant = (await demo.db.select().from(tenants).where(eq(tenants.id, acme)))[0]!;
    await addToCart(tenant, first.customer!, first.listing.items[0]!.id, 3);

    const page = await statementsOf(async () => {
      const again = await signedInPage('acme.localhost', cookie!);
      expect(again.signedIn?.cartUnits).toBe(3);
    });
    // The shared tenant lock, the tenant context, customer with cart units; the listing's page.
    expect(page, page.join('\n')).toHaveLength(4);
  });
});

describe('what is kept follows every change, for that shop only', () => {
  it('a visibility change shows on the next request; the other shop keeps its cache', async () => {
    const before = await brandsShown('acme.localhost');
    expect(before).not.toContain('pirelli');
    await publicPage('atraxion.localhost');
    const [pirelli] = await demo.db.select().from(brands).where(eq(brands.slug, 'pirelli'));
    await demo.db.insert(tenantVisibleBrands).values({ tenantId: acme, brandId: pirelli!.id });
    await announceTenantChange(acme); // what the dashboard's assortment form does after its commit
    expect(await brandsShown('acme.localhost')).toEqual([...before, 'pirelli'].sort());
    const other = await statementsOf(() => publicPage('atraxion.localhost'));
    expect(other, other.join('\n')).toHaveLength(1);

    await demo.db.delete(tenantVisibleBrands).where(and(eq(tenantVisibleBrands.tenantId, acme), eq(tenantVisibleBrands.brandId, pirelli!.id)));
    await announceTenantChange(acme);
    expect(await brandsShown('acme.localhost')).toEqual(before);
  });

  it('a price override shows on the next request; the other shop keeps its cache', async () => {
    const first = (await publicPage('acme.localhost', { sort: 'name' })).listing.items[0]!;
    await publicPage('atraxion.localhost');
    await demo.db.insert(tenantArticlePrices).values({ tenantId: acme, articleId: first.id, priceCents: 4_321, validFrom: new Date(Date.now() - 60_000) });
    await announceTenantChange(acme);
    const after = (await publicPage('acme.localhost', { sort: 'name' })).listing.items.find((i) => i.id === first.id)!;
    expect(after.netPriceCents).toBe(4_321);
    const other = await statementsOf(() => publicPage('atraxion.localhost'));
    expect(other, other.join('\n')).toHaveLength(1);
  });

  it('a new host name serves at once, the old one no longer; the other shop keeps its cache', async () => {
    const { getTenantByHost } = await import('@/lib/tenancy/tenant-directory');
    expect((await getTenantByHost('acme.localhost'))?.id).toBe(acme);
    await getTenantByHost('atraxion.localhost');
    await demo.db.update(tenants).set({ subdomain: 'acme-renamed' }).where(eq(tenants.id, acme));
    await announceTenantChange(acme);
    try {
      expect(await getTenantByHost('acme.localhost')).toBeNull();
      expect((await getTenantByHost('acme-renamed.localhost'))?.id).toBe(acme);
      expect(await statementsOf(() => getTenantByHost('atraxion.localhost'))).toEqual([]);
    } finally {
      await demo.db.update(tenants).set({ subdomain: 'acme' }).where(eq(tenants.id, acme));
      await announceTenantChange(acme);
    }
    expect((await getTenantByHost('acme.localhost'))?.id).toBe(acme);
  });
});

describe('kept until the versions move on, not for a time', () => {
  const tenantId = '00000000-0000-4000-8000-000000000001';

  it('a memo entry outlives its expiry while versions are followed, and goes once its tenant version moves, unheard', async () => {
    const memo = new TenantMemo<number>(1);
    let computed = 0;
    await memo.get(tenantId, 'k', async () => ++computed);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await memo.get(tenantId, 'k', async () => ++computed)).toBe(1);
    // A newer version known without any handler having run: the stamp alone makes the entry stale.
    const { versions } = renderCacheState();
    versions.set(`default:${tenantId}`, (versions.get(`default:${tenantId}`) ?? 0) + 1);
    expect(await memo.get(tenantId, 'k', async () => ++computed)).toBe(2);
  });

  it('the tenant directory keeps a stamped tenant past its expiry, and an unstamped one only for it', async () => {
    const row = { id: tenantId, subdomain: 'probe', isActive: true } as schema.Tenant;
    let reads = 0;
    const loader = { byHost: async () => (reads++, row), byId: async () => (reads++, row) };
    let version = 1;
    const stamps = { take: () => `v=${version}`, isCurrent: (stamp: string) => stamp === `v=${version}` };
    const stamped = new TenantCache(loader, { maxTenants: 10, maxUnknownHosts: 10, ttlMs: 1, stamps });
    await Promise.all([stamped.byHost('probe.localhost', 'probe'), stamped.byHost('probe.localhost', 'probe')]);
    expect(reads).toBe(1); // concurrent look-ups share one read
    await new Promise((resolve) => setTimeout(resolve, 20));
    await stamped.byHost('probe.localhost', 'probe');
    expect(reads).toBe(1);
    version++;
    await stamped.byHost('probe.localhost', 'probe');
    expect(reads).toBe(2);

    const unstamped = new TenantCache(loader, { maxTenants: 10, maxUnknownHosts: 10, ttlMs: 1 });
    await unstamped.byId(tenantId);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await unstamped.byId(tenantId);
    expect(reads).toBe(4);
  });
});
