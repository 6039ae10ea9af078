/**
 * The app behind Debian's PgBouncer in transaction pooling, in front of the PostgreSQL server of
 * TEST_DATABASE_URL: two server connections per database, many clients. Without
 * `DATABASE_POOLING=transaction` the app's named prepared statements break; with it, tenant transactions
 * interleave on those two connections without any tenant's context reaching another, the cache
 * invalidation LISTEN (on DATABASE_DIRECT_URL) hears a NOTIFY sent through the bouncer, and migrations
 * need only the direct URLs.
 */
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionRegistry, DEFAULT_CONNECTION, setRegistry, type RegistryConfig } from '@/db/connection-registry';
import { migrateAll } from '@/db/migrate';
import { rowsOf } from '@/db/rows';
import { customers } from '@/db/schema';
import { CACHE_CHANNEL, ensureCacheInvalidationListener, onTenantInvalidated } from '@/lib/cache/cache-invalidation';
import { parseCatalogQuery } from '@/lib/catalog/catalog-query';
import { listVisibleArticles, type CatalogScope } from '@/lib/catalog/list-visible-articles';
import { forgetAllTenants } from '@/lib/tenancy/tenant-directory';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { seedDemoForTest, type DemoCatalog, type DemoSubdomain } from '@/tests/support/demo-catalog';
import { startPgBouncer, type PgBouncer } from './support/pgbouncer';

const serverUrl = process.env.TEST_DATABASE_URL;
const POOL_SIZE = 2;
const SUBDOMAINS = ['atraxion', 'acme', 'consumer', 'bigcorp'] as const satisfies readonly DemoSubdomain[];
const LISTINGS = [{}, { sort: 'price-asc' }, { q: 'pirelli' }, { sort: 'name', page: '2' }, { season: 'winter' }] as const;

let demo: DemoCatalog;
let directUrl: string;
let bouncer: PgBouncer | undefined;
const scopes = new Map<string, CatalogScope>();
/** What each listing shows when read straight from PostgreSQL: the bouncer must change nothing. */
const expectedListings = new Map<string, number[]>();

async function openRegistry(config: RegistryConfig): Promise<ConnectionRegistry> {
  const registry = new ConnectionRegistry(config);
  await setRegistry(registry);
  forgetAllTenants();
  return registry;
}

interface Seen {
  tenantId: string;
  setting: string;
  role: string;
  pid: number;
  rowTenants: string[];
}

/**
 * A tenant's transaction as the app runs them, with a pause inside so that others interleave. With
 * `prepared`, it also looks a customer up through a prepared query (drizzle's `.prepare()`), the one
 * kind of drizzle query that postgres.js sends as a named statement.
 */
function tenantTransaction(tenantId: string, prepared: boolean): Promise<Seen> {
  return withTenant(tenantId, async (tx) => {
    const [ctx] = rowsOf<{ setting: string; role: string; pid: number }>(
      await tx.execute(sql`select current_setting('app.tenant_id') as setting, current_user as role, pg_backend_pid() as pid`),
    );
    await tx.execute(sql`select pg_sleep(0.002)`);
    const rows = await tx.select({ tenantId: customers.tenantId }).from(customers);
    if (prepared) {
      const byEmail = tx
        .select({ id: customers.id })
        .from(customers)
        .where(eq(customers.email, sql.placeholder('email')))
        .prepare('customer_by_email');
      const found = await byEmail.execute({ email: `pgb1@${subdomainOf(tenantId)}.test` });
      if (found.length !== 1) throw new Error(`prepared lookup found ${found.length} customers`);
    }
    return { tenantId, setting: ctx!.setting, role: ctx!.role, pid: Number(ctx!.pid), rowTenants: [...new Set(rows.map((r) => r.tenantId))] };
  });
}

function subdomainOf(tenantId: string): string {
  return SUBDOMAINS.find((s) => demo.tenantIds[s] === tenantId)!;
}

/** The storefront's catalog listing, on the platform plane outside any transaction. */
async function listing(registry: ConnectionRegistry, tenantId: string, params: Record<string, string>): Promise<number[]> {
  const { db } = await registry.get(DEFAULT_CONNECTION);
  const page = await listVisibleArticles(db, scopes.get(tenantId)!, parseCatalogQuery(params), 12);
  return page.items.map((item) => item.id);
}

/** Many tenant transactions and catalog listings at once: far more clients than server connections. */
async function storefrontLoad(registry: ConnectionRegistry, rounds: number, prepared: boolean) {
  const transactions: Array<Promise<Seen>> = [];
  const listings: Array<Promise<{ key: string; ids: number[] }>> = [];
  for (let i = 0; i < rounds; i++) {
    const subdomain = SUBDOMAINS[i % SUBDOMAINS.length]!;
    const tenantId = demo.tenantIds[subdomain];
    transactions.push(tenantTransaction(tenantId, prepared));
    const params = LISTINGS[i % LISTINGS.length]!;
    const key = `${subdomain} ${JSON.stringify(params)}`;
    if (subdomain !== 'bigcorp') listings.push(listing(registry, tenantId, params).then((ids) => ({ key, ids })));
  }
  const [tx, ls] = await Promise.all([Promise.allSettled(transactions), Promise.allSettled(listings)]);
  const failures = [...tx, ...ls].filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as Error);
  const seen = tx.filter((r): r is PromiseFulfilledResult<Seen> => r.status === 'fulfilled').map((r) => r.value);
  const listed = ls.filter((r) => r.status === 'fulfilled').map((r) => r.value);
  return { failures, seen, listed };
}

describe.skipIf(!serverUrl)('behind PgBouncer in transaction pooling', () => {
  beforeAll(async () => {
    demo = await seedDemoForTest({ articleCount: 300, dedicated: ['bigcorp'] });
    directUrl = demo.dbs.registry.urlFor(DEFAULT_CONNECTION);
    for (const subdomain of SUBDOMAINS) {
      const tenantId = demo.tenantIds[subdomain];
      await withTenant(tenantId, (tx) =>
        tx.insert(customers).values([1, 2].map((n) => ({ tenantId, email: `pgb${n}@${subdomain}.test`, name: `${subdomain} ${n}` }))),
      );
      if (subdomain === 'bigcorp') continue;
      scopes.set(tenantId, await demo.scopeFor(tenantId));
      for (const params of LISTINGS) expectedListings.set(`${subdomain} ${JSON.stringify(params)}`, await listing(demo.dbs.registry, tenantId, params));
    }
  });

  afterEach(async () => {
    await bouncer?.stop();
    bouncer = undefined;
  });

  afterAll(async () => {
    await demo?.cleanup();
  });

  it('without DATABASE_POOLING=transaction, a prepared query in tenant transactions fails on its named statement', async () => {
    bouncer = await startPgBouncer({ serverUrl: directUrl, poolSize: POOL_SIZE });
    const registry = await openRegistry({ defaultUrl: bouncer.through(directUrl), dedicatedUrls: {} });
    // The statement is prepared on one server connection; the client's next transaction gets the other.
    const { failures } = await storefrontLoad(registry, 120, true);
    expect(failures.length, bouncer.output()).toBeGreaterThan(0);
    // drizzle reports the failed query; PostgreSQL's own error is its cause.
    const causes = failures.map((f) => (f.cause instanceof Error ? f.cause.message : f.message));
    expect(causes.join('\n')).toMatch(/prepared statement "[^"]+" does not exist/);
    // Ordinary drizzle queries are sent as unnamed statements and get through even so.
    expect((await storefrontLoad(registry, 120, false)).failures).toEqual([]);
  });

  it('with it, many tenant transactions (prepared queries included) share two server connections per database and no tenant sees another', async () => {
    bouncer = await startPgBouncer({ serverUrl: directUrl, poolSize: POOL_SIZE });
    const registry = await openRegistry({
      defaultUrl: bouncer.through(directUrl),
      dedicatedUrls: {},
      pooling: 'transaction',
      defaultDirectUrl: directUrl,
    });
    const { failures, seen, listed } = await storefrontLoad(registry, 240, true);
    expect(failures, bouncer.output()).toEqual([]);
    expect(seen).toHaveLength(240);
    for (const s of seen) {
      // Each transaction runs as its own tenant, under row-level security, and reads only its rows.
      expect(s).toMatchObject({ setting: s.tenantId, role: 'storefleet_app', rowTenants: [s.tenantId] });
    }
    // Interleaved on the bouncer's server connections, not one connection per client.
    const shared = new Set(seen.filter((s) => s.tenantId !== demo.tenantIds.bigcorp).map((s) => s.pid));
    const dedicated = new Set(seen.filter((s) => s.tenantId === demo.tenantIds.bigcorp).map((s) => s.pid));
    expect(shared.size).toBeLessThanOrEqual(POOL_SIZE);
    expect(dedicated.size).toBeLessThanOrEqual(POOL_SIZE);
    // The storefront's listings read the same articles as straight from PostgreSQL.
    expect(listed.length).toBeGreaterThan(0);
    for (const { key, ids } of listed) expect(ids, key).toEqual(expectedListings.get(key));

    // Nothing a tenant transaction set outlives it on the server connection the next client gets.
    const { db } = await registry.get(DEFAULT_CONNECTION);
    const after = await Promise.all(
      Array.from(
        { length: 20 },
        async () =>
          rowsOf<{ setting: string | null; role: string }>(
            await db.execute(sql`select coalesce(current_setting('app.tenant_id', true), '') as setting, current_user as role`),
          )[0],
      ),
    );
    const user = decodeURIComponent(new URL(directUrl).username || 'postgres');
    for (const row of after) expect(row).toEqual({ setting: '', role: user });
  });

  it('hears a NOTIFY sent through the bouncer on the cache invalidation LISTEN, which uses DATABASE_DIRECT_URL', async () => {
    bouncer = await startPgBouncer({ serverUrl: directUrl, poolSize: POOL_SIZE });
    const pooledUrl = bouncer.through(directUrl);
    const registry = await openRegistry({ defaultUrl: pooledUrl, dedicatedUrls: {}, pooling: 'transaction', defaultDirectUrl: directUrl });
    const heard: string[] = [];
    onTenantInvalidated((tenantId) => heard.push(tenantId));
    await ensureCacheInvalidationListener();
    // Traffic through the bouncer, so that its two server connections pass from client to client.
    await storefrontLoad(registry, 40, true);
    // Another instance announcing a change: its own client, through the bouncer, as announceTenantChange does.
    const other = postgres(pooledUrl, { max: 2, prepare: false, onnotice: () => {} });
    try {
      for (const subdomain of ['acme', 'consumer'] as const) {
        const tenantId = demo.tenantIds[subdomain];
        await other`select pg_notify(${CACHE_CHANNEL}, ${tenantId})`;
        await expect.poll(() => heard, { timeout: 5_000 }).toContain(tenantId);
      }
    } finally {
      await other.end({ timeout: 5 });
    }
  });

  it('runs migrations, and creates a dedicated database, on the direct URLs alone', async () => {
    const name = `sf_pgb_${randomBytes(4).toString('hex')}`;
    const fresh = new URL(directUrl);
    fresh.pathname = `/${name}`;
    const admin = postgres(directUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    try {
      // The pooled URL leads nowhere (nothing listens on the port): a migration that used it would fail.
      const unreachable = new URL(fresh);
      unreachable.port = '6440';
      const registry = await openRegistry({
        defaultUrl: unreachable.toString(),
        dedicatedUrls: {},
        pooling: 'transaction',
        defaultDirectUrl: fresh.toString(),
      });
      expect(await migrateAll(registry, ['extra'])).toEqual([DEFAULT_CONNECTION, 'extra']);
      const [row] = await admin`select count(*)::int as n from pg_database where datname = ${`${name}_extra`}`;
      expect(row?.n).toBe(1);
      await registry.closeAll();
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.unsafe(`drop database if exists ${name}_extra with (force)`);
      await admin.end({ timeout: 5 });
    }
  });
});
