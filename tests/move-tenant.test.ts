import postgres from 'postgres';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/rows';
import { coupons, sentEmails, tenantMoves, tenants, type Customer, type Order, type Tenant } from '@/db/schema';
import { addToCart, loadCart } from '@/lib/cart/cart-service';
import { getCustomerOrder, listCustomerOrders } from '@/lib/orders/customer-orders';
import { placeOrder } from '@/lib/orders/place-order';
import { moveTenantToDedicated } from '@/lib/tenancy/move-tenant';
import { discoverPlaneTables, type PlaneTable } from '@/lib/tenancy/move-tenant/tables';
import { tableChecksum } from '@/lib/tenancy/move-tenant/sync';
import { connectionNameForTenant } from '@/lib/tenancy/tenant-directory';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';
import { newBuyer, payInSandbox, placeTestOrder, tenantBySubdomain } from './support/workflow-harness';

let demo: DemoCatalog;
let consumer: Tenant;
let acme: Tenant;
let tables: PlaneTable[];
let buyer: { customer: Customer; addressId: string };
const placed: Order[] = [];
const targets = ['consumer_db', 'acme_db'];

async function snapshot(connection: string, tenantId: string): Promise<Record<string, { rows: number; checksum: string }>> {
  const { db } = await demo.dbs.registry.get(connection);
  await db.execute(sql`set timezone = 'UTC'`);
  const out: Record<string, { rows: number; checksum: string }> = {};
  for (const table of tables) out[table.name] = await tableChecksum(db, table, tenantId);
  return out;
}

/** Order ids of a tenant physically stored in a database (read as the owner, below row-level security). */
async function orderIdsIn(connection: string, tenantId: string): Promise<Array<{ id: string; number: number }>> {
  const { db } = await demo.dbs.registry.get(connection);
  return rowsOf<{ id: string; number: number }>(await db.execute(sql`select id, number from orders where tenant_id = ${tenantId} order by number`));
}

beforeAll(async () => {
  demo = await seedDemoForTest({ dedicated: ['bigcorp'] });
  consumer = await tenantBySubdomain(demo, 'consumer');
  acme = await tenantBySubdomain(demo, 'acme');
  tables = await discoverPlaneTables(demo.db);
  await withTenant(consumer.id, (tx) => tx.insert(coupons).values({ tenantId: consumer.id, code: 'MOVE5', kind: 'fixed', amountCents: 500 }));
  buyer = await newBuyer(consumer, 'mover');
  for (let i = 0; i < 3; i++) {
    const order = await placeTestOrder(demo, consumer, buyer, 'card');
    await payInSandbox(consumer, order);
    placed.push(order);
  }
  await addToCart(consumer, buyer.customer, (await firstVisibleArticle(consumer, buyer.customer))!, 1);
  placed.push(
    await placeOrder(consumer, buyer.customer, {
      addressId: buyer.addressId,
      paymentMethod: 'card',
      idempotencyKey: `c-${crypto.randomUUID()}`,
      couponCode: 'MOVE5',
    }),
  );
  await withTenant(consumer.id, (tx) =>
    tx.insert(sentEmails).values({
      tenantId: consumer.id,
      idempotencyKey: `mv-${crypto.randomUUID()}`,
      template: 'order-confirmation',
      toAddress: buyer.customer.email,
      fromAddress: consumer.fromEmailAddress,
      subject: 'Thanks',
      html: '<p>Thanks</p>',
      textBody: 'Thanks',
      transport: 'log',
    }),
  );
  const acmeBuyer = await newBuyer(acme, 'acme');
  await placeTestOrder(demo, acme, acmeBuyer, 'invoice');
}, 120_000);

async function firstVisibleArticle(tenant: Tenant, customer: Customer): Promise<number | undefined> {
  const rows = rowsOf<{ id: number }>(await demo.db.execute(sql`select id from articles where stock > 5 order by id`));
  for (const { id } of rows) {
    try {
      await addToCart(tenant, customer, id, 1);
      return id;
    } catch {
      // not visible at this shop
    }
  }
  return undefined;
}

afterAll(async () => {
  const base = decodeURIComponent(new URL(demo.dbs.registry.urlFor('default').replace(/^pglite/, 'http')).pathname.slice(1));
  await demo.cleanup();
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  for (const target of targets) await admin.unsafe(`drop database if exists "${base}_${target}" with (force)`);
  await admin.end({ timeout: 5 });
});

describe('moving a tenant from the shared database to a dedicated one', () => {
  it('covers every tenant-plane table, parents before children', () => {
    const names = tables.map((t) => t.name);
    for (const name of [
      'customers',
      'customer_addresses',
      'orders',
      'order_lines',
      'payments',
      'coupons',
      'coupon_redemptions',
      'loyalty_ledger',
      'sent_emails',
      'outbox',
      'order_counters',
    ]) {
      expect(names).toContain(name);
    }
    expect(names).not.toContain('tenant_moves');
    expect(names.indexOf('customers')).toBeLessThan(names.indexOf('orders'));
    expect(names.indexOf('orders')).toBeLessThan(names.indexOf('payments'));
  });

  it('leaves the tenant working on the shared database when interrupted before the switch', async () => {
    const failure = moveTenantToDedicated(consumer.id, 'consumer_db', {
      hooks: {
        beforeSwitch: () => {
          throw new Error('interrupted');
        },
      },
    });
    await expect(failure).rejects.toThrow('interrupted');
    const [move] = await demo.db.select().from(tenantMoves).where(eq(tenantMoves.tenantId, consumer.id));
    expect(move).toMatchObject({ status: 'failed', error: 'interrupted', toConnection: 'consumer_db' });
    expect(await connectionNameForTenant(consumer.id)).toBe('default');
    const { total } = await listCustomerOrders(consumer.id, buyer.customer.id);
    expect(total).toBe(placed.length);
    // Still the shared plane's tenant: a new order lands there.
    const order = await placeTestOrder(demo, consumer, buyer, 'card');
    await payInSandbox(consumer, order);
    placed.push(order);
    expect((await orderIdsIn('default', consumer.id)).map((o) => o.id)).toContain(order.id);
  });

  it('resumes and completes: same rows and checksums, mapping switched, pages still work', async () => {
    const before = await snapshot('default', consumer.id);
    const otherBefore = { acme: await snapshot('default', acme.id), bigcorp: await snapshot('bigcorp', demo.tenantIds.bigcorp) };
    const result = await moveTenantToDedicated(consumer.id, 'consumer_db');
    expect(result.alreadyMoved).toBe(false);
    const moves = await demo.db.select().from(tenantMoves).where(eq(tenantMoves.tenantId, consumer.id));
    expect(moves).toHaveLength(1); // the failed move was resumed
    expect(moves[0]).toMatchObject({ id: result.moveId, status: 'switched', error: null });
    expect(Object.values(result.verification).every((v) => v.equal)).toBe(true);

    const after = await snapshot('consumer_db', consumer.id);
    expect(after).toEqual({ ...before, outbox: after.outbox });
    expect(after.outbox!.rows).toBe(before.outbox!.rows);
    for (const name of ['customers', 'customer_addresses', 'orders', 'order_lines', 'payments', 'coupon_redemptions', 'loyalty_ledger', 'sent_emails']) {
      expect(after[name]!.rows, name).toBeGreaterThan(0);
    }
    const [row] = await demo.db.select({ dedicated: tenants.dedicatedDatabase }).from(tenants).where(eq(tenants.id, consumer.id));
    expect(row!.dedicated).toBe('consumer_db');
    expect(await connectionNameForTenant(consumer.id)).toBe('consumer_db');
    expect(await snapshot('default', acme.id)).toEqual(otherBefore.acme);
    expect(await snapshot('bigcorp', demo.tenantIds.bigcorp)).toEqual(otherBefore.bigcorp);

    const list = await listCustomerOrders(consumer.id, buyer.customer.id);
    expect(list.total).toBe(placed.length);
    const detail = await getCustomerOrder(consumer.id, buyer.customer.id, placed[0]!.number);
    expect(detail?.order.id).toBe(placed[0]!.id);
    expect(detail!.lines.length).toBeGreaterThan(0);

    const fresh = await placeTestOrder(demo, consumer, buyer, 'card');
    await payInSandbox(consumer, fresh);
    placed.push(fresh);
    expect(fresh.number).toBe(Math.max(...placed.slice(0, -1).map((o) => o.number)) + 1);
    expect((await orderIdsIn('consumer_db', consumer.id)).map((o) => o.id)).toContain(fresh.id);
    expect((await orderIdsIn('default', consumer.id)).map((o) => o.id)).not.toContain(fresh.id);
    await addToCart(consumer, buyer.customer, (await firstVisibleArticle(consumer, buyer.customer))!, 1);
    expect((await loadCart(consumer, buyer.customer)).lines.length).toBeGreaterThan(0);
  });

  it('is a no-op when run again, and deletes the kept shared copy only when asked', async () => {
    const before = await snapshot('consumer_db', consumer.id);
    const again = await moveTenantToDedicated(consumer.id, 'consumer_db');
    expect(again.alreadyMoved).toBe(true);
    expect(await snapshot('consumer_db', consumer.id)).toEqual(before);
    expect((await orderIdsIn('default', consumer.id)).length).toBeGreaterThan(0);

    await moveTenantToDedicated(consumer.id, 'consumer_db', { deleteSource: true });
    const left = await snapshot('default', consumer.id);
    expect(Object.values(left).every((t) => t.rows === 0)).toBe(true);
    expect(await snapshot('consumer_db', consumer.id)).toEqual(before);
    expect((await listCustomerOrders(consumer.id, buyer.customer.id)).total).toBe(placed.length);
  });

  it('loses and duplicates no order placed while the move runs', async () => {
    const buyers = await Promise.all(Array.from({ length: 6 }, (_, i) => newBuyer(acme, `busy${i}`)));
    for (const b of buyers) await firstVisibleArticle(acme, b.customer);
    const existing = await orderIdsIn('default', acme.id);
    const order = (b: (typeof buyers)[number]) =>
      placeOrder(acme, b.customer, { addressId: b.addressId, paymentMethod: 'invoice', idempotencyKey: `busy-${crypto.randomUUID()}` });
    const early = buyers.slice(0, 3).map(order);
    const move = moveTenantToDedicated(acme.id, 'acme_db');
    const late = buyers.slice(3).map(order);
    const [orders, result] = await Promise.all([Promise.all([...early, ...late]), move]);
    expect(Object.values(result.verification).every((v) => v.equal)).toBe(true);

    const stored = await orderIdsIn('acme_db', acme.id);
    expect(stored).toHaveLength(existing.length + orders.length);
    for (const o of orders) expect(stored.filter((s) => s.id === o.id)).toHaveLength(1);
    expect(new Set(stored.map((s) => s.number)).size).toBe(stored.length);
    // Nothing written to the shared plane after the switch.
    const shared = (await orderIdsIn('default', acme.id)).map((o) => o.id);
    expect(shared.every((id) => stored.some((s) => s.id === id))).toBe(true);
    const next = await order({ ...buyers[0]!, customer: buyers[0]!.customer }).catch(async () => {
      await firstVisibleArticle(acme, buyers[0]!.customer);
      return order(buyers[0]!);
    });
    expect(next.number).toBe(Math.max(...stored.map((s) => s.number)) + 1);
  });
});
