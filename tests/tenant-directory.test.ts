import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openConnection, type Connection } from '@/db/client';
import { tenants, type Tenant } from '@/db/schema';
import { ALL_TENANTS, announceTenantChange, CACHE_CHANNEL, ensureCacheInvalidationListener, onTenantInvalidated } from '@/lib/cache/cache-invalidation';
import { TenantCache, type TenantLoader } from '@/lib/tenancy/tenant-cache';
import {
  databaseTenantLoader,
  DEFAULT_TENANT_DIRECTORY_MAX,
  forgetAllTenants,
  getTenantByHost,
  getTenantById,
  platformTenantLoader,
  tenantDirectoryCapacity,
} from '@/lib/tenancy/tenant-directory';
import { createTestDatabases, insertTestTenants, platformDb, type TestDatabases } from './support/test-database';

let dbs: TestDatabases;
let ids: Record<'alpha' | 'beta', string>;
/** Tenant ids whose change notice this process has heard (the directory hears them first). */
const heard: string[] = [];

beforeAll(async () => {
  dbs = await createTestDatabases();
  ids = await insertTestTenants(dbs.registry, [{ subdomain: 'alpha' }, { subdomain: 'beta' }]);
  const db = await platformDb(dbs.registry);
  await db.update(tenants).set({ customDomain: 'old-alpha.test', customDomainVerifiedAt: new Date() }).where(eq(tenants.id, ids.alpha));
  await ensureCacheInvalidationListener();
  // Registered after the directory's own handler (created on first use), so it runs after it.
  await getTenantById(ids.alpha);
  onTenantInvalidated((tenantId) => heard.push(tenantId));
}, 60_000);

afterAll(async () => dbs.cleanup());

/** Waits until the change notice of `tenantId` sent through PostgreSQL has reached this process. */
async function noticeOf(tenantId: string, since: number): Promise<void> {
  await vi.waitFor(() => expect(heard.slice(since)).toContain(tenantId), { timeout: 5_000, interval: 10 });
}

/** Which lookups reached the database while `work` ran. */
async function databaseLookups(work: () => Promise<unknown>): Promise<string[]> {
  const byHost = vi.spyOn(platformTenantLoader, 'byHost');
  const byId = vi.spyOn(platformTenantLoader, 'byId');
  try {
    await work();
    return [...byHost.mock.calls.map(([host]) => `host:${host}`), ...byId.mock.calls.map(([id]) => `id:${id}`)];
  } finally {
    byHost.mockRestore();
    byId.mockRestore();
  }
}

async function warm(): Promise<void> {
  for (const host of ['alpha.localhost', 'beta.localhost', 'old-alpha.test']) await getTenantByHost(host);
  for (const id of Object.values(ids)) await getTenantById(id);
}

const everything = () =>
  Promise.all([getTenantByHost('alpha.localhost'), getTenantByHost('beta.localhost'), getTenantById(ids.alpha), getTenantById(ids.beta)]);

describe('the tenant directory forgets one tenant at a time', () => {
  beforeEach(() => forgetAllTenants());

  it('a price edit at one shop (its announcement) reloads that shop only; the other stays cached', async () => {
    await warm();
    expect(await databaseLookups(everything)).toEqual([]);
    const since = heard.length;
    // What a price edit's trigger does in its transaction, then what the editing instance does after commit.
    await (await platformDb(dbs.registry)).execute(sql`select storefleet_bump_cache_version(${ids.alpha})`);
    await announceTenantChange(ids.alpha);
    await noticeOf(ids.alpha, since);
    const lookups = await databaseLookups(everything);
    expect(lookups.sort()).toEqual([`host:alpha.localhost`, `id:${ids.alpha}`]);
  });

  it('a change to a tenant row (a rename, through the trigger) reloads that tenant only', async () => {
    await warm();
    const since = heard.length;
    await (await platformDb(dbs.registry)).update(tenants).set({ name: 'Alpha Renamed' }).where(eq(tenants.id, ids.alpha));
    await noticeOf(ids.alpha, since);
    let alpha: Tenant | null = null;
    const lookups = await databaseLookups(async () => {
      await everything();
      alpha = await getTenantByHost('alpha.localhost');
    });
    expect(lookups.sort()).toEqual([`host:alpha.localhost`, `id:${ids.alpha}`]);
    expect(alpha!.name).toBe('Alpha Renamed');
  });

  it('a custom-domain change drops the old domain and serves the new one at once; the other tenant stays cached', async () => {
    await warm();
    expect(await getTenantByHost('new-alpha.test')).toBeNull(); // now cached as unknown
    expect((await getTenantByHost('old-alpha.test'))?.id).toBe(ids.alpha);
    const since = heard.length;
    const db = await platformDb(dbs.registry);
    await db.update(tenants).set({ customDomain: 'new-alpha.test', customDomainVerifiedAt: new Date() }).where(eq(tenants.id, ids.alpha));
    await noticeOf(ids.alpha, since);
    const lookups = await databaseLookups(async () => {
      expect(await getTenantByHost('old-alpha.test')).toBeNull();
      expect((await getTenantByHost('new-alpha.test'))?.id).toBe(ids.alpha);
      expect((await getTenantByHost('beta.localhost'))?.id).toBe(ids.beta);
      expect((await getTenantById(ids.beta))?.id).toBe(ids.beta);
    });
    expect(lookups.sort()).toEqual(['host:new-alpha.test', 'host:old-alpha.test']);
    const restored = heard.length;
    await db.update(tenants).set({ customDomain: 'old-alpha.test' }).where(eq(tenants.id, ids.alpha));
    await noticeOf(ids.alpha, restored);
  });

  it('a new shop is found at once on a host cached as unknown, and the others stay cached', async () => {
    await warm();
    expect(await getTenantByHost('gamma.localhost')).toBeNull();
    const since = heard.length;
    const { gamma } = await insertTestTenants(dbs.registry, [{ subdomain: 'gamma' }]);
    await noticeOf(gamma, since);
    const lookups = await databaseLookups(async () => {
      expect((await getTenantByHost('gamma.localhost'))?.id).toBe(gamma);
      await everything();
    });
    expect(lookups).toEqual(['host:gamma.localhost']);
  });

  it('a deactivation hides the shop at once, also when it was cached by host', async () => {
    await warm();
    const since = heard.length;
    const db = await platformDb(dbs.registry);
    await db.update(tenants).set({ isActive: false }).where(eq(tenants.id, ids.beta));
    await noticeOf(ids.beta, since);
    expect(await getTenantByHost('beta.localhost')).toBeNull();
    expect((await getTenantByHost('alpha.localhost'))?.id).toBe(ids.alpha);
    await db.update(tenants).set({ isActive: true }).where(eq(tenants.id, ids.beta));
    await noticeOf(ids.beta, since + 1);
    expect((await getTenantByHost('beta.localhost'))?.id).toBe(ids.beta);
  });
});

/** A loader over fixed tenants that counts what it is asked. */
function countingLoader(rows: Array<Pick<Tenant, 'id' | 'subdomain'>>) {
  const calls: string[] = [];
  const loader: TenantLoader = {
    async byHost(host, subdomain) {
      calls.push(`host:${host}`);
      return (rows.find((r) => r.subdomain === subdomain) as Tenant | undefined) ?? null;
    },
    async byId(id) {
      calls.push(`id:${id}`);
      return (rows.find((r) => r.id === id) as Tenant | undefined) ?? null;
    },
  };
  return { loader, calls };
}

describe('the directory’s capacity', () => {
  it('defaults to the platform’s scale, reads TENANT_DIRECTORY_MAX and refuses what it cannot use', () => {
    expect(DEFAULT_TENANT_DIRECTORY_MAX).toBe(50_000);
    expect(tenantDirectoryCapacity({})).toEqual({ maxTenants: 50_000, maxUnknownHosts: 10_000 });
    expect(tenantDirectoryCapacity({ TENANT_DIRECTORY_MAX: '200000', TENANT_DIRECTORY_UNKNOWN_MAX: '500' })).toEqual({
      maxTenants: 200_000,
      maxUnknownHosts: 500,
    });
    for (const bad of ['0', '-1', 'lots', '1.5', '99999999999']) {
      expect(() => tenantDirectoryCapacity({ TENANT_DIRECTORY_MAX: bad })).toThrow(/TENANT_DIRECTORY_MAX/);
    }
  });

  it('holds at most the configured number of tenants, dropping the least recently used', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ id: `t${i}`, subdomain: `s${i}` }));
    const { loader, calls } = countingLoader(rows);
    const cache = new TenantCache(loader, { maxTenants: 3, maxUnknownHosts: 2 });
    for (const row of rows) {
      await cache.byId(row.id);
      await cache.byHost(`${row.subdomain}.localhost`, row.subdomain);
    }
    for (const host of ['x.localhost', 'y.localhost', 'z.localhost']) await cache.byHost(host, host.split('.')[0]!);
    expect(cache.size()).toEqual({ hosts: 5, unknownHosts: 2, ids: 3 });
    calls.length = 0;
    // t2…t4 are held; t0 comes back in place of the least recently used (t4, read first), not the oldest.
    for (const id of ['t4', 't3', 't2', 't0', 't2', 't4']) await cache.byId(id);
    expect(calls).toEqual(['id:t0', 'id:t4']);
  });

  it('does not keep what a lookup read while a change to the tenants arrived', async () => {
    let finish!: (tenant: Tenant) => void;
    const loader: TenantLoader = {
      byHost: () => new Promise<Tenant>((resolve) => (finish = resolve)),
      byId: async () => null,
    };
    const cache = new TenantCache(loader, { maxTenants: 10, maxUnknownHosts: 10 });
    const lookup = cache.byHost('a.localhost', 'a');
    cache.forgetTenant('a');
    finish({ id: 'a', subdomain: 'a' } as Tenant);
    await lookup;
    expect(cache.size().hosts).toBe(0);
  });
});

describe('two instances on their own connections', () => {
  const connections: Connection[] = [];
  afterAll(async () => {
    for (const c of connections) await c.close();
  });

  it('hear one tenant’s change on the channel and each drops that tenant only', async () => {
    const url = dbs.registry.urlFor('default');
    // On PostgreSQL each instance gets its own connection (and its own LISTEN); an in-memory PGlite has one.
    const own = async (name: string) => {
      if (dbs.kind === 'pglite') return dbs.registry.get('default');
      const connection = await openConnection(name, url);
      connections.push(connection);
      return connection;
    };
    const instances = await Promise.all(
      ['instance-1', 'instance-2'].map(async (name) => {
        const connection = await own(name);
        const calls: string[] = [];
        const base = databaseTenantLoader(async () => connection.db);
        const loader: TenantLoader = {
          byHost: (host, sub) => (calls.push(`host:${host}`), base.byHost(host, sub)),
          byId: (id) => (calls.push(`id:${id}`), base.byId(id)),
        };
        const cache = new TenantCache(loader, { maxTenants: 100, maxUnknownHosts: 100 });
        const notices: string[] = [];
        await connection.listen(CACHE_CHANNEL, (payload) => {
          const scope = payload.split('@')[0]!; // `<scope>@<version>`, as the version bump sends it
          scope === ALL_TENANTS ? cache.forgetAll() : cache.forgetTenant(scope);
          notices.push(scope);
        });
        return { cache, calls, notices };
      }),
    );
    const lookUp = async (cache: TenantCache) => {
      await cache.byHost('alpha.localhost', 'alpha');
      await cache.byHost('beta.localhost', 'beta');
      await cache.byId(ids.alpha);
      await cache.byId(ids.beta);
    };
    for (const { cache } of instances) await lookUp(cache);
    for (const instance of instances) instance.calls.length = 0;

    // A change made elsewhere (another instance, a console, psql), announced by the tenants trigger.
    await (await platformDb(dbs.registry)).execute(sql`update tenants set tagline = 'changed' where id = ${ids.beta}`);
    for (const { notices } of instances) await vi.waitFor(() => expect(notices).toContain(ids.beta), { timeout: 5_000, interval: 10 });

    for (const { cache, calls } of instances) {
      await lookUp(cache);
      expect(calls.sort()).toEqual([`host:beta.localhost`, `id:${ids.beta}`]);
    }
  });
});
