/**
 * Two production instances on shared parts (scale/support/cluster.ts): PostgreSQL behind PgBouncer in
 * transaction pooling, one Redis, instance `a` bound to 127.0.0.1 and `b` to 0.0.0.0, HAProxy in front.
 * What a visitor, an owner and an operator notice:
 * - a page rendered on one instance is served from the shared render cache on the other;
 * - a deactivation, a price override and a rename, made straight in the database as an operator with
 *   psql would, show on both instances within 1 s, also when `b`'s LISTEN connection was killed just
 *   before the change (a notification lost while it reconnects);
 * - killing an instance under load costs the proxy's clients no failed request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpResponse } from '../bench/http';
import type { RunningApp } from './support/app';
import { startCluster, type Cluster } from './support/cluster';

/** The bound: a change made anywhere shows everywhere within a second. */
const VISIBLE_WITHIN_MS = 1_000;
const LISTING = '/products?sort=price-desc';

let cluster: Cluster;
const host = (subdomain: string) => `${subdomain}.localhost`;
const get = (app: RunningApp, subdomain: string, path: string): Promise<HttpResponse> => app.request({ host: host(subdomain), path, timeoutMs: 15_000 });

beforeAll(async () => {
  cluster = await startCluster({ name: 'instances' });
});

afterAll(async () => {
  await cluster?.stop();
});

/** Requests the page on the instance until the render cache serves it (a render, then a hit). */
async function cached(app: RunningApp, subdomain: string, path: string, status = 200): Promise<HttpResponse> {
  let res = await get(app, subdomain, path);
  if (status !== 200) {
    // A closed shop's 404: asked twice, so that whatever this instance keeps of it, it keeps.
    res = await get(app, subdomain, path);
    expect(res.status, `${app.name} ${subdomain}${path}`).toBe(status);
    return res;
  }
  for (let i = 0; i < 3 && res.headers['x-nextjs-cache'] !== 'HIT'; i++) res = await get(app, subdomain, path);
  expect({ status: res.status, cache: res.headers['x-nextjs-cache'] }, `${app.name} ${subdomain}${path}`).toEqual({ status: 200, cache: 'HIT' });
  return res;
}

const titleOf = (res: HttpResponse | undefined) => JSON.stringify(/<title>([^<]*)<\/title>/.exec(res?.body ?? '')?.[1] ?? null);

/**
 * Asks `app` again and again until `shows` holds for its answer. Passes when a request sent within
 * VISIBLE_WITHIN_MS of `since` (the change's commit) shows the change; says what the last one showed otherwise.
 */
async function seenWithin(app: RunningApp, since: number, subdomain: string, path: string, shows: (res: HttpResponse) => boolean): Promise<void> {
  let last: HttpResponse | undefined;
  while (Date.now() - since <= VISIBLE_WITHIN_MS) {
    last = await get(app, subdomain, path);
    if (shows(last)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  const stale = `(status ${last?.status}, x-nextjs-cache ${String(last?.headers['x-nextjs-cache'])})`;
  // How late it was, for the failure message: asked on for a while longer.
  let seenAfter = 'not within 15 s';
  while (Date.now() - since <= 15_000) {
    if (shows(await get(app, subdomain, path))) {
      seenAfter = `seen after ${Date.now() - since} ms`;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // And what the same instance renders for a request the render cache never serves (a text search).
  const rendered = await get(app, subdomain, '/products?q=tyre');
  expect.fail(
    `${app.name}: ${subdomain}${path} still showed the old state ${VISIBLE_WITHIN_MS} ms after the change ${stale}; ${seenAfter}. ` +
      `Title of that page: ${titleOf(last)}; of a page rendered per request: ${titleOf(rendered)}`,
  );
}

async function seenOnBoth(since: number, subdomain: string, path: string, shows: (res: HttpResponse) => boolean): Promise<void> {
  await Promise.all([cluster.a, cluster.b].map((app) => seenWithin(app, since, subdomain, path, shows)));
}

/**
 * Kills instance `b`'s LISTEN connections on PostgreSQL (one per database it listens to), as a network
 * blip or a failover would. STOREFLEET_INSTANCE=b names them `storefleet-listen/b`.
 */
async function killListenOfB(): Promise<void> {
  const killed = await cluster.db.sql<{ killed: boolean }[]>`
    select pg_terminate_backend(pid) as killed from pg_stat_activity
    where application_name = 'storefleet-listen/b' and (datname = current_database() or datname like current_database() || '\\_%')`;
  const label = 'instance b’s LISTEN connections (application_name storefleet-listen/b)';
  expect(killed.length, label).toBeGreaterThan(0);
  expect(
    killed.every((row) => row.killed),
    label,
  ).toBe(true);
}

describe('two instances on Redis, PgBouncer and HAProxy', () => {
  it('serves a page rendered on one instance from the shared render cache on the other', async () => {
    const path = '/products?sort=price-asc';
    const first = await get(cluster.a, 'atraxion', path);
    expect(first.status, cluster.diagnostics()).toBe(200);
    await cached(cluster.a, 'atraxion', path);
    // Never requested on b: only the cache both share can have it.
    const onB = await get(cluster.b, 'atraxion', path);
    expect({ status: onB.status, cache: onB.headers['x-nextjs-cache'] }).toEqual({ status: 200, cache: 'HIT' });
    expect(onB.body).toContain('Atraxion');
  });

  describe('a change made in the database shows on both instances within 1 s', () => {
    let articleId: number;
    let acmeId: string;

    beforeAll(async () => {
      const listing = await get(cluster.a, 'acme', LISTING);
      const slug = /href="\/products\/([^"?#]+)"/.exec(listing.body)?.[1];
      expect(slug, 'a product link on acme’s listing').toBeDefined();
      const [article] = await cluster.db.sql<{ id: number }[]>`select id from articles where slug = ${decodeURIComponent(slug!)}`;
      articleId = article!.id;
      const [tenant] = await cluster.db.sql<{ id: string }[]>`select id from tenants where subdomain = 'acme'`;
      acmeId = tenant!.id;
    });

    /** The pages the changes show on, served from the render cache on both instances beforehand. */
    async function warm(consumerActive: boolean): Promise<void> {
      for (const app of [cluster.a, cluster.b]) {
        await cached(app, 'acme', '/');
        await cached(app, 'acme', LISTING);
        await cached(app, 'consumer', '/', consumerActive ? 200 : 404);
      }
    }

    async function changesSeen(round: { active: boolean; cents: number; price: string; name: string }, beforeEachChange: () => Promise<void>) {
      await warm(!round.active);

      await beforeEachChange();
      await cluster.db.sql`update tenants set is_active = ${round.active} where subdomain = 'consumer'`;
      await seenOnBoth(Date.now(), 'consumer', '/', (res) => (round.active ? res.status === 200 && res.body.includes('TyreDirect') : res.status === 404));

      await beforeEachChange();
      // An override that starts now and beats every earlier one (the latest start wins).
      await cluster.db.sql`
        insert into tenant_article_prices (tenant_id, article_id, price_cents, valid_from)
        values (${acmeId}, ${articleId}, ${round.cents}, now() - interval '1 second')`;
      await seenOnBoth(Date.now(), 'acme', LISTING, (res) => res.status === 200 && res.body.includes(round.price));

      await beforeEachChange();
      await cluster.db.sql`update tenants set name = ${round.name} where subdomain = 'acme'`;
      await seenOnBoth(Date.now(), 'acme', '/', (res) => res.status === 200 && res.body.includes(round.name));
    }

    it('a deactivation, a price override and a rename', async () => {
      await changesSeen({ active: false, cents: 987_654, price: '9,876.54', name: 'ACME Wheels Renamed Once' }, async () => {});
    });

    it('the same after instance b’s LISTEN connection was killed just before each change', async () => {
      await changesSeen({ active: true, cents: 876_543, price: '8,765.43', name: 'ACME Wheels Renamed Twice' }, killListenOfB);
    });
  });

  it('loses no request at the proxy when an instance is killed under load', async () => {
    const proxy = cluster.proxy!;
    const proxyHost = `acme.localhost:${proxy.port}`;
    const paths = ['/', LISTING, '/products'];
    // Each page once through each instance, so that the load is served from the render cache.
    for (let i = 0; i < paths.length * 2; i++) expect((await proxy.request({ host: proxyHost, path: paths[i % paths.length]! })).status).toBe(200);

    type Outcome = { path: string; ok: boolean; servedBy?: string; detail: string; killed: boolean };
    const outcomes: Outcome[] = [];
    let inFlight = 0;
    let inFlightAtKill = -1;
    let killedAt = 0;
    let stopping = false;
    const client = async (n: number) => {
      for (let i = n; !stopping; i++) {
        const path = paths[i % paths.length]!;
        inFlight++;
        const startedAfterKill = killedAt > 0;
        try {
          const res = await proxy.request({ host: proxyHost, path, timeoutMs: 15_000 });
          const servedBy = String(res.headers['x-served-by']);
          outcomes.push({ path, ok: res.status === 200, servedBy, detail: `${res.status} from ${servedBy}`, killed: startedAfterKill });
        } catch (error) {
          outcomes.push({ path, ok: false, detail: String(error), killed: startedAfterKill });
        } finally {
          inFlight--;
        }
      }
    };
    const clients = Array.from({ length: 4 }, (_, n) => client(n));
    await new Promise((r) => setTimeout(r, 2_000));
    inFlightAtKill = inFlight;
    killedAt = Date.now();
    await cluster.b.kill();
    await new Promise((r) => setTimeout(r, 3_000));
    stopping = true;
    await Promise.all(clients);

    const failed = outcomes.filter((o) => !o.ok);
    expect(
      failed.map((o) => `${o.path}: ${o.detail}`),
      `${inFlightAtKill} requests in flight at the kill\n${proxy.output()}`,
    ).toEqual([]);
    // Both instances took a share of the load, and after the kill only `a` answers.
    expect(new Set(outcomes.filter((o) => !o.killed).map((o) => o.servedBy))).toEqual(new Set(['a', 'b']));
    const after = outcomes.filter((o) => o.killed);
    expect(after.length).toBeGreaterThan(20);
    expect(new Set(after.slice(-10).map((o) => o.servedBy))).toEqual(new Set(['a']));
  });
});
