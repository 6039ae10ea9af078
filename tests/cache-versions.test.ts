import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { announceTenantChange, ensureCacheInvalidationListener, onTenantInvalidated } from '@/lib/cache/cache-invalidation';
import { CacheVersionSync, cacheVersionPollMs } from '@/lib/cache/cache-versions';
import { createRenderCacheState, renderCacheState, type RenderCacheState } from '@/lib/cache/render-cache-state.mjs';
import { TenantMemo } from '@/lib/cache/tenant-memo';
import { createTestDatabases, insertTestTenants, platformDb, type TestDatabases } from './support/test-database';

// The name this process's LISTEN connections carry (application_name `storefleet-listen/<instance>`).
process.env.STOREFLEET_INSTANCE = `cache-versions-test-${process.pid}`;

let dbs: TestDatabases;
let ids: Record<'alpha' | 'beta' | 'premium', string>;
let articleId: number;
const clients: Array<ReturnType<typeof postgres>> = [];
const syncs: CacheVersionSync[] = [];

/** Another instance's writes: its own connection on PostgreSQL (the one embedded database on PGlite). */
async function otherWriter(connection = 'default'): Promise<(query: ReturnType<typeof sql>) => Promise<unknown>> {
  if (dbs.kind === 'pglite') {
    const db = (await dbs.registry.get(connection)).db;
    return (query) => db.execute(query);
  }
  const client = postgres(dbs.registry.urlFor(connection), { max: 1, onnotice: () => {} });
  clients.push(client);
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const db = drizzle({ client }) as unknown as Database;
  return (query) => db.execute(query);
}

/** A brand, a category and one article to price, in one database. */
async function seedArticle(db: Database): Promise<number> {
  const [row] = rowsOf<{ id: number }>(
    await db.execute(sql`
      with b as (insert into brands (slug, name) values ('probe', 'Probe') returning id),
           c as (insert into categories (slug, name, kind) values ('probe', 'Probe', 'tyre') returning id)
      insert into articles (sku, slug, name, kind, brand_id, category_id, width, rim_diameter, base_price_cents)
      select 'PROBE-1', 'probe-1', 'Probe tyre', 'tyre', b.id, c.id, 205, 16, 10000 from b, c returning id`),
  );
  return row!.id;
}

/** One instance's view: its own render-cache state and the scopes it heard advance. */
async function instance(pollMs?: number, { listen = true } = {}): Promise<{ state: RenderCacheState; heard: string[]; sync: CacheVersionSync }> {
  const state = createRenderCacheState();
  const heard: string[] = [];
  const sync = new CacheVersionSync({ registry: dbs.registry, state, onAdvance: (scope) => heard.push(scope), pollMs, listen });
  syncs.push(sync);
  await sync.start();
  return { state, heard, sync };
}

const storedVersion = async (scope: string, connection = 'default') => {
  const rows = rowsOf<{ version: string }>(
    await (await dbs.registry.get(connection)).db.execute(sql`select version::text as version from cache_versions where scope = ${scope}`),
  );
  return rows[0] ? Number(rows[0].version) : 0;
};

/** The issue's bound: a change made anywhere shows within one second. */
const withinOneSecond = { timeout: 1_000, interval: 10 };

beforeAll(async () => {
  dbs = await createTestDatabases(['gold']);
  ids = await insertTestTenants(dbs.registry, [{ subdomain: 'alpha' }, { subdomain: 'beta' }, { subdomain: 'premium', dedicatedDatabase: 'gold' }]);
  articleId = await seedArticle(await platformDb(dbs.registry));
}, 120_000);

afterEach(async () => {
  await Promise.all(syncs.splice(0).map((sync) => sync.stop()));
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.end({ timeout: 5 })));
  await dbs.cleanup();
});

describe('cache versions', () => {
  it('a price edit committed by another connection advances the shop’s version and fires its handlers within 1 s', async () => {
    const { state, heard } = await instance();
    const before = state.stampFor(ids.alpha);
    const write = await otherWriter();
    await write(sql`insert into tenant_article_prices (tenant_id, article_id, price_cents, valid_from) values (${ids.alpha}, ${articleId}, 9000, now())`);
    await vi.waitFor(() => expect(heard).toContain(ids.alpha), withinOneSecond);
    expect(heard.filter((scope) => scope === ids.alpha)).toHaveLength(1);
    expect(state.versions.get(`default:${ids.alpha}`)).toBe(await storedVersion(ids.alpha));
    expect(state.isCurrent(before)).toBe(false);
    expect(heard).not.toContain(ids.beta);
  });

  it('a catalog change advances `*` for every shop', async () => {
    const { state, heard } = await instance();
    const before = state.stampFor(ids.beta);
    const write = await otherWriter();
    await write(sql`update articles set base_price_cents = base_price_cents + 1 where id = ${articleId}`);
    await vi.waitFor(() => expect(heard).toContain('*'), withinOneSecond);
    expect(state.isCurrent(before)).toBe(false);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'catches up on a change committed while its LISTEN connection was cut (pg_terminate_backend), on reconnect',
    async () => {
      // A poll interval far beyond the bound: only the re-read on reconnect can deliver the change in time.
      const { state, heard } = await instance(60_000);
      const admin = await platformDb(dbs.registry);
      const listeners = rowsOf<{ n: number }>(
        await admin.execute(
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = ${`storefleet-listen/${process.env.STOREFLEET_INSTANCE}`}`,
        ),
      );
      expect(listeners[0]!.n).toBeGreaterThanOrEqual(1);
      const write = await otherWriter();
      // Cut the listener and commit the change in the same transaction: its NOTIFY goes out while nobody listens.
      await write(sql`
      with cut as (select pg_terminate_backend(pid) from pg_stat_activity
                   where datname = current_database() and application_name = ${`storefleet-listen/${process.env.STOREFLEET_INSTANCE}`})
      update tenants set tagline = 'renamed while away' where id = ${ids.beta} and (select count(*) from cut) >= 0`);
      await vi.waitFor(() => expect(heard).toContain(ids.beta), withinOneSecond);
      expect(state.versions.get(`default:${ids.beta}`)).toBe(await storedVersion(ids.beta));
    },
  );

  it('without any notification at all, the poll alone sees a change within 1 s', async () => {
    const { heard } = await instance(undefined, { listen: false });
    const write = await otherWriter();
    await write(sql`update tenants set tagline = 'polled' where id = ${ids.alpha}`);
    await vi.waitFor(() => expect(heard).toContain(ids.alpha), withinOneSecond);
  });

  it('one transaction steps each scope it touches up once, however many statements it runs', async () => {
    const db = await platformDb(dbs.registry);
    const before = await storedVersion(ids.alpha);
    await db.transaction(async (tx) => {
      for (const years of [4, 5, 6]) {
        await tx.execute(
          sql`insert into tenant_article_prices (tenant_id, article_id, price_cents, valid_from) values (${ids.alpha}, ${articleId}, 3000, now() + make_interval(years => ${years}))`,
        );
      }
      await tx.execute(sql`update tenants set tagline = 'one step' where id = ${ids.alpha}`);
    });
    expect(await storedVersion(ids.alpha)).toBe(before + 1);
  });

  it('a rolled-back change bumps nothing', async () => {
    const { state, heard } = await instance();
    const alphaBefore = await storedVersion(ids.alpha);
    const stamp = state.stampFor(ids.alpha);
    const db = await platformDb(dbs.registry);
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`update tenants set tagline = 'never' where id = ${ids.alpha}`);
        await tx.execute(
          sql`insert into tenant_article_prices (tenant_id, article_id, price_cents, valid_from) values (${ids.alpha}, ${articleId}, 1, now() + interval '1 year')`,
        );
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // A committed change to another shop afterwards: once it is heard, anything before it would have been too.
    await db.execute(sql`update tenants set tagline = 'barrier' where id = ${ids.beta}`);
    await vi.waitFor(() => expect(heard).toContain(ids.beta), withinOneSecond);
    expect(heard).not.toContain(ids.alpha);
    expect(await storedVersion(ids.alpha)).toBe(alphaBefore);
    expect(state.isCurrent(stamp)).toBe(true);
  });

  it('a price change in a shop’s dedicated database is seen, and its pages’ stamps name that database', async () => {
    const { state, heard, sync } = await instance();
    expect(sync.planeNames().sort()).toEqual(['default', 'gold']);
    const before = state.stampFor(ids.premium);
    expect(before).toContain(`gold:${ids.premium}=`);
    const gold = (await dbs.registry.get('gold')).db;
    // The dedicated database carries the same tables and triggers; here it gets the rows a price refers to.
    await gold.execute(sql`insert into tenants (id, subdomain, name, from_email_address) values (${ids.premium}, 'premium', 'Premium', 'info@premium.test')`);
    const goldArticle = await seedArticle(gold);
    await vi.waitFor(() => expect(state.versions.get(`gold:${ids.premium}`)).toBe(1), withinOneSecond);
    heard.length = 0;
    const stamp = state.stampFor(ids.premium);
    const write = await otherWriter('gold');
    await write(sql`insert into tenant_article_prices (tenant_id, article_id, price_cents, valid_from) values (${ids.premium}, ${goldArticle}, 4200, now())`);
    await vi.waitFor(() => expect(heard).toContain(ids.premium), withinOneSecond);
    expect(state.versions.get(`gold:${ids.premium}`)).toBe(await storedVersion(ids.premium, 'gold'));
    expect(state.isCurrent(stamp)).toBe(false);
    expect(state.isCurrent(before)).toBe(false);
  });

  it('an instance started after the changes stamps pages that an older instance takes as current, and the other way round', async () => {
    const older = await instance();
    const staleStamp = older.state.stampFor(ids.alpha);
    const db = await platformDb(dbs.registry);
    await db.execute(sql`update tenants set tagline = 'one' where id = ${ids.alpha}`);
    await db.execute(sql`update tenants set tagline = 'two' where id = ${ids.alpha}`);
    await db.execute(sql`update articles set stock = stock + 1 where id = ${articleId}`);
    await vi.waitFor(() => expect(older.heard).toEqual(expect.arrayContaining([ids.alpha, '*'])), withinOneSecond);
    const alphaNow = await storedVersion(ids.alpha);
    await vi.waitFor(() => expect(older.state.versions.get(`default:${ids.alpha}`)).toBe(alphaNow), withinOneSecond);

    const newer = await instance();
    expect(newer.heard).toEqual([]); // loading is not a change
    const fresh = newer.state.stampFor(ids.alpha);
    expect(older.state.isCurrent(fresh)).toBe(true);
    expect(newer.state.isCurrent(older.state.stampFor(ids.alpha))).toBe(true);
    expect(fresh).toBe(older.state.stampFor(ids.alpha));
    expect(newer.state.isCurrent(staleStamp)).toBe(false);
    expect(newer.state.stampFor(ids.premium)).toBe(older.state.stampFor(ids.premium));
  });

  it('the production role (a member of storefleet_app, neither owner nor superuser) writes prices and settings, and the bumps follow', async () => {
    const { heard } = await instance();
    const db = await platformDb(dbs.registry);
    await db.execute(
      sql`do $$ begin if not exists (select 1 from pg_roles where rolname = 'sf_versions_app') then create role sf_versions_app nosuperuser nobypassrls; end if; end $$`,
    );
    await db.execute(sql`grant storefleet_app to sf_versions_app`);
    // What an operator grants the production role on the platform plane (the migrations grant reads only).
    await db.execute(sql`grant insert, update, delete on tenant_article_prices, tenants to sf_versions_app`);
    await db.execute(sql`grant usage on all sequences in schema public to sf_versions_app`);
    const before = { alpha: await storedVersion(ids.alpha), beta: await storedVersion(ids.beta) };
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local role sf_versions_app`);
      await tx.execute(
        sql`insert into tenant_article_prices (tenant_id, article_id, price_cents, valid_from) values (${ids.alpha}, ${articleId}, 7700, now() + interval '2 years')`,
      );
      await tx.execute(sql`update tenants set tagline = 'set by the app' where id = ${ids.beta}`);
      // It reads the versions, and cannot forge one.
      expect(rowsOf(await tx.execute(sql`select scope from cache_versions`)).length).toBeGreaterThan(0);
    });
    await vi.waitFor(() => expect(heard).toEqual(expect.arrayContaining([ids.alpha, ids.beta])), withinOneSecond);
    expect(await storedVersion(ids.alpha)).toBe(before.alpha + 1);
    expect(await storedVersion(ids.beta)).toBe(before.beta + 1);
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`set local role sf_versions_app`);
        await tx.execute(sql`update cache_versions set version = 0`);
      }),
    ).rejects.toThrow();
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`set local role storefleet_app`);
        await tx.execute(sql`select storefleet_bump_cache_version('*')`);
      }),
    ).rejects.toThrow();
  });

  it('a deleted shop leaves nothing broken: the delete bumps it, and the versions keep being read', async () => {
    const { heard } = await instance();
    const db = await platformDb(dbs.registry);
    const [gone] = rowsOf<{ id: string }>(
      await db.execute(sql`insert into tenants (subdomain, name, from_email_address) values ('gone', 'Gone', 'info@gone.test') returning id`),
    );
    await db.execute(sql`insert into tenant_article_prices (tenant_id, article_id, price_cents, valid_from) values (${gone!.id}, ${articleId}, 5000, now())`);
    await vi.waitFor(() => expect(heard).toContain(gone!.id), withinOneSecond);
    heard.length = 0;
    await db.execute(sql`delete from tenants where id = ${gone!.id}`); // its prices go with it (cascade)
    await vi.waitFor(() => expect(heard).toContain(gone!.id), withinOneSecond);
    await db.execute(sql`update tenants set tagline = 'after the delete' where id = ${ids.beta}`);
    await vi.waitFor(() => expect(heard).toContain(ids.beta), withinOneSecond);
  });
});

describe('this process', () => {
  it('keeps the versions on the render cache state, and the writing instance sees its own committed change at once', async () => {
    await ensureCacheInvalidationListener();
    const heard: string[] = [];
    onTenantInvalidated((scope) => heard.push(scope));
    const state = renderCacheState();
    expect(state.versions.get(`default:${ids.alpha}`)).toBe(await storedVersion(ids.alpha));
    const stamp = state.stampFor(ids.alpha);
    expect(state.isCurrent(stamp)).toBe(true);
    const db = await platformDb(dbs.registry);
    await db.execute(
      sql`insert into tenant_article_prices (tenant_id, article_id, price_cents, valid_from) values (${ids.alpha}, ${articleId}, 6100, now() + interval '3 years')`,
    );
    await announceTenantChange(ids.alpha); // what the price form does after its commit
    expect(state.isCurrent(stamp)).toBe(false); // no waiting: the next render on this instance is fresh
    expect(heard.filter((scope) => scope === ids.alpha)).toHaveLength(1);
  });

  it('takes a stamp it cannot read as outdated', () => {
    const state = createRenderCacheState();
    state.following = true;
    for (const stamp of ['', 'garbage', 'default:x=abc', '=3']) expect(state.isCurrent(stamp)).toBe(false);
    expect(state.isCurrent(state.stampFor('some-tenant'))).toBe(true);
  });

  it('trusts no stamp until it has read the versions: a page rendered before a change it has not loaded yet is a miss', async () => {
    // Another instance rendered a page of alpha; then alpha changed; then this instance starts, with
    // that page waiting for it in the shared cache.
    const other = await instance(60_000);
    const rendered = other.state.stampFor(ids.alpha);
    const write = await otherWriter();
    await write(sql`update tenants set name = 'Alpha, renamed before this instance started' where id = ${ids.alpha}`);
    const state = createRenderCacheState();
    expect(state.isCurrent(rendered)).toBe(false);
    const sync = new CacheVersionSync({ registry: dbs.registry, state, onAdvance: () => {}, pollMs: 60_000 });
    await sync.start();
    expect(state.isCurrent(rendered)).toBe(false);
    expect(state.isCurrent(state.stampFor(ids.alpha))).toBe(true);
    await sync.stop();
    expect(state.isCurrent(state.stampFor(ids.alpha))).toBe(false);
  });
});

describe('settings', () => {
  it('refuses an unreadable CACHE_VERSION_POLL_MS and defaults to 500 ms', () => {
    expect(cacheVersionPollMs({})).toBe(500);
    expect(cacheVersionPollMs({ CACHE_VERSION_POLL_MS: '250' })).toBe(250);
    for (const bad of ['0', '-5', 'fast', '1.5', '9999999']) expect(() => cacheVersionPollMs({ CACHE_VERSION_POLL_MS: bad })).toThrow(/CACHE_VERSION_POLL_MS/);
  });

  it('a tenant memo holds as many shops as the tenant directory (TENANT_DIRECTORY_MAX), not 5,000', async () => {
    const previous = process.env.TENANT_DIRECTORY_MAX;
    process.env.TENANT_DIRECTORY_MAX = '20000';
    try {
      const memo = new TenantMemo<number>(60_000);
      let computed = 0;
      const shops = Array.from({ length: 8_000 }, (_, i) => `shop-${i}`);
      for (const shop of shops) await memo.get(shop, 'summary', async () => ++computed);
      for (const shop of shops) await memo.get(shop, 'summary', async () => ++computed);
      expect(computed).toBe(8_000); // every shop's second look is a hit
      memo.forget('shop-1');
      await memo.get('shop-1', 'summary', async () => ++computed);
      await memo.get('shop-2', 'summary', async () => ++computed);
      expect(computed).toBe(8_001);
    } finally {
      if (previous === undefined) delete process.env.TENANT_DIRECTORY_MAX;
      else process.env.TENANT_DIRECTORY_MAX = previous;
    }
  });
});
