import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, Database } from '@/db/client';
import { ConnectionRegistry, getRegistry, setRegistry } from '@/db/connection-registry';
import { rowsOf } from '@/db/rows';
import { customers, orders, outbox } from '@/db/schema';
import { listCustomersAcrossTenants, listOrdersAcrossTenants } from '@/lib/platform-read-model/cross-tenant';
import type { AdminActor } from '@/lib/auth/authorize-admin';
import { PLATFORM_EVENTS, projectPlatformReadModel, startPlatformProjector } from '@/lib/platform-read-model/projector';
import { forgetAllTenants } from '@/lib/tenancy/tenant-directory';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { createTestDatabases, insertTestTenants, type TestDatabases } from './support/test-database';

let dbs: TestDatabases;
let ids: Record<'acme' | 'bigcorp', string>;
const admin: AdminActor = { id: randomUUID(), email: 'ops@platform.test', name: 'Ops' };

beforeAll(async () => {
  dbs = await createTestDatabases(['bigcorp']);
  ids = await insertTestTenants(dbs.registry, [{ subdomain: 'acme' }, { subdomain: 'bigcorp', dedicatedDatabase: 'bigcorp' }]);
});
afterAll(async () => dbs.cleanup());

let orderNumber = 0;

/** A customer and an order of `tenantId`, written through the tenant's own plane as the shop would. */
async function placeOrder(tenantId: string, buyer: string, grossCents = 1210): Promise<{ orderId: string; customerId: string; number: number }> {
  return withTenant(tenantId, async (tx) => {
    const [customer] = await tx
      .insert(customers)
      .values({ tenantId, email: `${randomUUID()}@buyer.test`, name: buyer, status: 'active' })
      .returning({ id: customers.id });
    const number = ++orderNumber;
    const [order] = await tx
      .insert(orders)
      .values({
        tenantId,
        customerId: customer!.id,
        number,
        paymentMethod: 'invoice',
        vatTreatment: 'domestic',
        currency: 'EUR',
        netCents: grossCents - 210,
        vatCents: 210,
        grossCents,
        shippingAddress: { recipient: buyer, line1: 'Street 1', postalCode: '1000', city: 'Brussels', countryCode: 'BE' },
        idempotencyKey: randomUUID(),
      })
      .returning({ id: orders.id });
    return { orderId: order!.id, customerId: customer!.id, number };
  });
}

const setStatus = (tenantId: string, orderId: string, status: 'paid' | 'fulfilling' | 'cancelled') =>
  withTenant(tenantId, (tx) => tx.update(orders).set({ status }).where(eq(orders.id, orderId)));

async function consoleOrder(tenantId: string, number: number) {
  return (await listOrdersAcrossTenants(admin, { limit: 200 })).orders.find((o) => o.tenantId === tenantId && o.number === number);
}

describe('the console’s cross-tenant lists read the platform read model', () => {
  it('shows a new order, and its status changes, once projected (default and dedicated database alike)', async () => {
    const acme = await placeOrder(ids.acme, 'Ann Acme');
    const big = await placeOrder(ids.bigcorp, 'Bob Bigcorp', 5000);
    expect(await consoleOrder(ids.acme, acme.number)).toBeUndefined();

    expect((await projectPlatformReadModel()).projected).toBe(4);
    expect(await consoleOrder(ids.acme, acme.number)).toMatchObject({
      tenantName: 'Acme',
      customerName: 'Ann Acme',
      status: 'awaiting_payment',
      grossCents: 1210,
      currency: 'EUR',
    });
    expect(await consoleOrder(ids.bigcorp, big.number)).toMatchObject({
      tenantName: 'Bigcorp',
      customerName: 'Bob Bigcorp',
      status: 'awaiting_payment',
      grossCents: 5000,
    });

    await setStatus(ids.bigcorp, big.orderId, 'paid');
    await projectPlatformReadModel();
    expect((await consoleOrder(ids.bigcorp, big.number))?.status).toBe('paid');
    const { customers: listed, freshness } = await listCustomersAcrossTenants(admin, { search: 'bob bigcorp' });
    expect(listed.map((c) => [c.name, c.tenantName])).toEqual([['Bob Bigcorp', 'Bigcorp']]);
    expect(freshness.upTo).toBeInstanceOf(Date);
    // Nothing left to do: a second run projects nothing.
    expect((await projectPlatformReadModel()).projected).toBe(0);
  });

  it('never shows a tenant’s rows under another tenant’s name, even when a dedicated database announces another shop’s order', async () => {
    for (let i = 0; i < 3; i++) {
      await placeOrder(ids.acme, 'Buyer of Acme');
      await placeOrder(ids.bigcorp, 'Buyer of Bigcorp');
    }
    // A row in Bigcorp's dedicated database that claims to be Acme's (a restored backup, a bug, an
    // intruder): written straight into that database, around the tenant context.
    const bigcorpDb = (await dbs.registry.get('bigcorp')).db;
    const [forgedCustomer] = await bigcorpDb
      .insert(customers)
      .values({ tenantId: ids.acme, email: 'forged@bigcorp.test', name: 'Buyer of Bigcorp (forged)', status: 'active' })
      .returning({ id: customers.id });
    await bigcorpDb.insert(orders).values({
      tenantId: ids.acme,
      customerId: forgedCustomer!.id,
      number: 9999,
      paymentMethod: 'invoice',
      vatTreatment: 'domestic',
      currency: 'EUR',
      netCents: 1,
      vatCents: 0,
      grossCents: 1,
      shippingAddress: { recipient: 'x', line1: 'x', postalCode: 'x', city: 'x', countryCode: 'BE' },
      idempotencyKey: randomUUID(),
    });

    await projectPlatformReadModel();
    const { orders: listed } = await listOrdersAcrossTenants(admin, { limit: 200 });
    expect(listed.length).toBeGreaterThanOrEqual(6);
    for (const order of listed.filter((o) => o.customerName.startsWith('Buyer of'))) expect(order.customerName).toBe(`Buyer of ${order.tenantName}`);
    expect(listed.some((o) => o.number === 9999)).toBe(false);
    const acmeOnly = await listCustomersAcrossTenants(admin, { tenantId: ids.acme, limit: 200 });
    expect(acmeOnly.customers.every((c) => c.tenantId === ids.acme && c.tenantName === 'Acme')).toBe(true);
    expect(acmeOnly.customers.some((c) => c.email === 'forged@bigcorp.test')).toBe(false);
  });

  it('does not take a row back when an older event is replayed or arrives after a newer one', async () => {
    const placed = await placeOrder(ids.acme, 'Carla Replay');
    await setStatus(ids.acme, placed.orderId, 'paid');
    await setStatus(ids.acme, placed.orderId, 'fulfilling');
    const db = (await dbs.registry.get('default')).db;
    const events = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.eventName, PLATFORM_EVENTS.order), sql`${outbox.payload}->>'orderId' = ${placed.orderId}`))
      .orderBy(sql`(${outbox.payload}->>'version')::bigint`);
    expect(events.map((e) => e.payload.status)).toEqual(['awaiting_payment', 'paid', 'fulfilling']);
    // Project the newest first, then let the older two arrive late (as another projector's batch would).
    await db.update(outbox).set({ projectedAt: new Date() }).where(eq(outbox.id, events[0]!.id));
    await db.update(outbox).set({ projectedAt: new Date() }).where(eq(outbox.id, events[1]!.id));
    await projectPlatformReadModel();
    expect((await consoleOrder(ids.acme, placed.number))?.status).toBe('fulfilling');
    await db.update(outbox).set({ projectedAt: null }).where(eq(outbox.id, events[0]!.id));
    await db.update(outbox).set({ projectedAt: null }).where(eq(outbox.id, events[1]!.id));
    // …and a replay of the first one under a new event id.
    await db.insert(outbox).values({
      tenantId: ids.acme,
      eventId: `replay:${randomUUID()}`,
      eventName: PLATFORM_EVENTS.order,
      payload: events[0]!.payload,
      publishedAt: new Date(),
    });
    await projectPlatformReadModel();
    expect((await consoleOrder(ids.acme, placed.number))?.status).toBe('fulfilling');
  });

  it('costs the same number of queries per page view with 2 tenants as with 22', async () => {
    const countQueries = async (view: () => Promise<unknown>) => {
      let count = 0;
      const original = dbs.registry.get.bind(dbs.registry);
      const counted = (db: Database): Database =>
        new Proxy(db, {
          get(target, key, receiver) {
            const value = Reflect.get(target, key, receiver);
            if (typeof value !== 'function') return value;
            return (...args: unknown[]) => {
              if (['select', 'selectDistinct', 'execute', 'transaction', 'insert', 'update', 'delete'].includes(String(key))) count++;
              return value.apply(target, args);
            };
          },
        });
      dbs.registry.get = async (name?: string) => {
        const connection: Connection = await original(name);
        return { ...connection, db: counted(connection.db), direct: counted(connection.direct) };
      };
      try {
        await view();
      } finally {
        dbs.registry.get = original;
      }
      return count;
    };
    const pageView = () => Promise.all([listOrdersAcrossTenants(admin, { limit: 100 }), listCustomersAcrossTenants(admin, { limit: 100 })]);
    const few = await countQueries(pageView);

    const more = await insertTestTenants(
      dbs.registry,
      Array.from({ length: 20 }, (_, i) => ({ subdomain: `shop${i}` })),
    );
    for (const tenantId of Object.values(more)) await placeOrder(tenantId, 'Many Shops Buyer');
    await projectPlatformReadModel();
    const many = await countQueries(pageView);
    expect((await listOrdersAcrossTenants(admin, { limit: 200 })).orders.filter((o) => o.customerName === 'Many Shops Buyer')).toHaveLength(20);
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(4);
  });
});

describe('the projector', () => {
  it('runs on its own (no workflow engine, no relay), woken by the database when a change commits', async () => {
    const runs: Array<{ projected: number } | { error: unknown }> = [];
    let notify: (() => void) | undefined;
    // An interval far beyond the test's timeout: only the change's notification can start the second run.
    const projector = startPlatformProjector({
      intervalMs: 600_000,
      onRun: (r) => {
        runs.push(r);
        notify?.();
      },
    });
    try {
      const untilRun = () =>
        new Promise<void>((resolve) => {
          notify = resolve;
        });
      await untilRun(); // the first run, at start
      expect(await projector.listening).toBe(true);
      const next = untilRun();
      const placed = await placeOrder(ids.acme, 'Woken Buyer');
      await next;
      expect(runs.some((r) => 'error' in r)).toBe(false);
      expect((await consoleOrder(ids.acme, placed.number))?.customerName).toBe('Woken Buyer');
    } finally {
      await projector.stop();
    }
  });

  it('works under the production role (row-level security on every outbox), with one claim per database', async () => {
    const placed = await placeOrder(ids.bigcorp, 'Production Role Buyer');
    await placeOrder(ids.acme, 'Production Role Buyer');
    const defaultDb = (await dbs.registry.get('default')).db;
    // A login role as in production: a member of storefleet_app, neither superuser nor owner, granted the
    // platform tables it maintains (as the operator grants the app's login role).
    const planes = ['default', 'bigcorp'];
    // Roles are per cluster on PostgreSQL, per database on PGlite.
    for (const plane of planes) {
      const db = (await dbs.registry.get(plane)).db;
      await db.execute(sql`do $$ begin create role platform_probe nologin nosuperuser nobypassrls; exception when duplicate_object then null; end $$`);
      await db.execute(sql`grant storefleet_app to platform_probe`);
    }
    await defaultDb.execute(sql`grant select, insert, update on platform_orders, platform_customers, platform_read_model_state to platform_probe`);
    let restore: () => Promise<void>;
    if (dbs.kind === 'pglite') {
      for (const plane of planes) await (await dbs.registry.get(plane)).db.execute(sql`set role platform_probe`);
      restore = async () => {
        for (const plane of planes) await (await dbs.registry.get(plane)).db.execute(sql`reset role`);
      };
    } else {
      const withRole = (url: string) => {
        const parsed = new URL(url);
        parsed.searchParams.set('role', 'platform_probe');
        return parsed.toString();
      };
      const registry = dbs.registry;
      await setRegistry(
        new ConnectionRegistry({ defaultUrl: withRole(registry.config.defaultUrl), dedicatedUrls: { bigcorp: withRole(registry.urlFor('bigcorp')) } }),
      );
      restore = async () => {
        await setRegistry(registry);
        forgetAllTenants();
      };
    }
    try {
      // Under this role a plain query of the outbox sees no tenant's rows at all…
      const [row] = rowsOf<{ visible: number }>(await (await getRegistry().get('default')).db.execute(sql`select count(*)::int as visible from outbox`));
      expect(row?.visible).toBe(0);
      // …and yet the projector takes in every tenant's changes.
      expect((await projectPlatformReadModel()).projected).toBe(4);
    } finally {
      await restore();
    }
    expect((await consoleOrder(ids.bigcorp, placed.number))?.customerName).toBe('Production Role Buyer');
  });
});
