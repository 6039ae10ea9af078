import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_NAMESPACES, lockTenant } from '@/db/advisory-locks';
import type { Database, Transaction } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { customers, tenants } from '@/db/schema';
import { lockShopPrices } from '@/lib/pricing/price-overrides';
import { moveTenantToDedicated } from '@/lib/tenancy/move-tenant';
import { connectionNameForTenant } from '@/lib/tenancy/tenant-directory';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { createTestDatabases, platformDb, type TestDatabases } from './support/test-database';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/**
 * Two tenant ids found by a search in SQL: under the old single 32-bit key space,
 * hashtext(PLANE) (the lock every tenant transaction of PLANE takes, shared) equals
 * hashtext('tenant-prices:' || PRICES) (the lock of a price edit at PRICES, exclusive).
 */
const PLANE = '660f5efb-a68c-42c3-bea2-0e3e13ab4872';
const PRICES = '8ac72045-4628-40c5-a35b-c3b4dbf6f5bc';
const MOVED = '1b8e0c7a-3f0e-4d55-9a61-0d8f9f6c2b10';

let dbs: TestDatabases;

beforeAll(async () => {
  dbs = await createTestDatabases(onPostgres ? ['plane_db'] : []);
  const db = await platformDb(dbs.registry);
  await db
    .insert(tenants)
    .values([PLANE, PRICES, MOVED].map((id, i) => ({ id, subdomain: `lock${i}`, name: `Lock ${i}`, fromEmailAddress: `info@lock${i}.test` })));
}, 60_000);

afterAll(async () => dbs.cleanup());

/** Settles to the work's value, or to 'blocked' when it has not finished within `ms`. */
function within<T>(ms: number, work: Promise<T>): Promise<T | 'blocked'> {
  return Promise.race([work, new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), ms))]);
}

/** Runs `hold` in a transaction that stays open (its locks held) until the returned release is called. */
async function holdOpen(db: Database, hold: (tx: Transaction) => Promise<void>) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const isHeld = new Promise<void>((resolve) => (held = resolve));
  const done = db.transaction(async (tx) => {
    await hold(tx);
    held();
    await released;
  });
  await Promise.race([isHeld, done]);
  return { release: async () => (release(), await done) };
}

describe('advisory locks in namespaces', () => {
  it('takes the two-key form: the namespace of the kind, the tenant in the second key', async () => {
    const db = await platformDb(dbs.registry);
    const locks = await db.transaction(async (tx) => {
      await lockTenant(tx, 'tenantPrices', PRICES);
      return rowsOf<{ classid: number | string; objid: number | string; objsubid: number; key: number | string }>(
        await tx.execute(sql`select classid::int8 as classid, objid::int8 as objid, objsubid, hashtext(${PRICES})::int8 & 4294967295 as key
          from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()`),
      );
    });
    expect(locks).toHaveLength(1);
    // An oid each: the namespace in classid, the tenant's key (as unsigned) in objid; objsubid 2 is the two-key form.
    expect(Number(locks[0]!.classid)).toBe(LOCK_NAMESPACES.tenantPrices);
    expect(locks[0]!.objsubid).toBe(2);
    expect(Number(locks[0]!.objid)).toBe(Number(locks[0]!.key));
  });

  it.skipIf(!onPostgres)('a price edit at one shop no longer holds up the transactions of a shop whose old key was the same', async () => {
    const db = await platformDb(dbs.registry);
    const [collision] = rowsOf<{ same: boolean }>(await db.execute(sql`select hashtext(${PLANE}) = hashtext(${`tenant-prices:${PRICES}`}) as same`));
    expect(collision?.same).toBe(true);

    const prices = await holdOpen(db, (tx) => lockShopPrices(tx, PRICES));
    try {
      const outcome = await within(
        2_000,
        withTenant(PLANE, (tx) => tx.select().from(customers)),
      );
      expect(outcome).toEqual([]);
    } finally {
      await prices.release();
    }
  });

  it.skipIf(!onPostgres)('a move still excludes the moving tenant’s transactions, and only them', async () => {
    let during: { moving: unknown; other: unknown } | undefined;
    let late: Promise<unknown> | undefined;
    await moveTenantToDedicated(MOVED, 'plane_db', {
      registry: dbs.registry,
      hooks: {
        beforeSwitch: async () => {
          // Inside the write freeze: the moving tenant waits, another tenant does not.
          late = withTenant(MOVED, (tx) => tx.insert(customers).values({ tenantId: MOVED, email: 'late@lock.test', name: 'Late' }).returning());
          during = {
            moving: await within(500, late),
            other: await within(
              2_000,
              withTenant(PLANE, (tx) => tx.select().from(customers)),
            ),
          };
        },
      },
    });
    expect(during).toEqual({ moving: 'blocked', other: [] });
    // Released by the switch: it ran on the dedicated database, and nothing landed on the shared one.
    expect(await late).toHaveLength(1);
    expect(await connectionNameForTenant(MOVED)).toBe('plane_db');
    const plane = (await dbs.registry.get('plane_db')).db;
    expect((await plane.select().from(customers)).map((c) => c.email)).toEqual(['late@lock.test']);
    const shared = await platformDb(dbs.registry);
    expect(rowsOf(await shared.execute(sql`select 1 from customers where tenant_id = ${MOVED}`))).toHaveLength(0);
  });
});
