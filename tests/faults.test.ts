import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/rows';
import { articles, brands, orders, tenants, type Customer, type Tenant } from '@/db/schema';
import { DEMO_CUSTOMER } from '@/db/seed/seed-demo';
import { addToCart, loadCart } from '@/lib/cart/cart-service';
import { addAddress } from '@/lib/customers/addresses';
import { findCustomerByEmail } from '@/lib/customers/customer-repository';
import { placeOrder } from '@/lib/orders/place-order';
import { isLostConnection, withTenant } from '@/lib/tenancy/with-tenant';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

// Faults the platform must survive without losing or doubling anything. Killing a session needs a real
// server (PGlite is one process with one session), so the database faults run in the PostgreSQL pass.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let demo: DemoCatalog;
let acme: Tenant;
let buyer: Customer;
let addressId: string;

beforeAll(async () => {
  demo = await seedDemoForTest({ articleCount: 120 });
  acme = (await demo.db.select().from(tenants).where(eq(tenants.subdomain, 'acme')))[0]!;
  buyer = (await withTenant(acme.id, (tx) => findCustomerByEmail(tx, DEMO_CUSTOMER.email)))!;
  addressId = (
    await withTenant(acme.id, (tx) =>
      addAddress(tx, acme.id, buyer.id, { recipient: 'Demo Garage', line1: 'Kerkstraat 1', postalCode: '2000', city: 'Antwerpen', countryCode: 'BE' }),
    )
  ).id;
});
afterAll(async () => demo?.cleanup());

describe('a lost database connection', () => {
  it('is recognised from the server’s and the driver’s codes, also when wrapped', () => {
    expect(isLostConnection({ code: '57P01' })).toBe(true);
    expect(isLostConnection(new Error('query failed', { cause: { code: 'CONNECTION_CLOSED' } }))).toBe(true);
    expect(isLostConnection({ code: '23505' })).toBe(false);
    expect(isLostConnection(new Error('plain'))).toBe(false);
  });

  it.skipIf(!onPostgres)('killed mid-checkout: a clean DATABASE_UNAVAILABLE, no order, the cart intact; the retry places exactly one order', async () => {
    // Two in-stock articles ACME shows (Michelin), one of each in the buyer's cart.
    const picked = (
      await demo.db
        .select({ id: articles.id, stock: articles.stock })
        .from(articles)
        .innerJoin(brands, eq(brands.id, articles.brandId))
        .where(eq(brands.slug, 'michelin'))
        .orderBy(articles.id)
    )
      .filter((r) => r.stock >= 2)
      .slice(0, 2);
    for (const article of picked) await addToCart(acme, buyer, article.id, 1);
    const before = await loadCart(acme, buyer);
    expect(before.lines.length).toBe(2);
    // Order lines take 3 s to insert, so the checkout is surely inside its transaction when the session dies.
    await demo.db.execute(
      sql`create or replace function storefleet_test_stall() returns trigger language plpgsql as $$ begin perform pg_sleep(3); return null; end $$`,
    );
    await demo.db.execute(sql`create trigger order_lines_stall before insert on order_lines for each statement execute function storefleet_test_stall()`);
    const idempotencyKey = `fault-${crypto.randomUUID()}`;
    try {
      const attempt = placeOrder(acme, buyer, { addressId, paymentMethod: 'invoice', idempotencyKey }).then(
        () => null,
        (error: unknown) => error,
      );
      let killed = 0;
      for (let i = 0; i < 100 && killed === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const rows = rowsOf<{ killed: boolean }>(
          await demo.db.execute(
            sql`select pg_terminate_backend(pid) as killed from pg_stat_activity where datname = current_database() and wait_event = 'PgSleep' and pid <> pg_backend_pid()`,
          ),
        );
        killed = rows.filter((r) => r.killed).length;
      }
      expect(killed).toBe(1);
      expect(await attempt).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.stringMatching(/interrupted\. Please try again/) });
    } finally {
      await demo.db.execute(sql`drop trigger if exists order_lines_stall on order_lines`);
    }
    // Nothing of the attempt was kept: no order under its key, the cart as it was.
    expect(await withTenant(acme.id, (tx) => tx.select().from(orders).where(eq(orders.idempotencyKey, idempotencyKey)))).toEqual([]);
    expect((await loadCart(acme, buyer)).lines).toEqual(before.lines);

    // The buyer presses the button again (same checkout, same key): one order, and a third press finds it.
    const order = await placeOrder(acme, buyer, { addressId, paymentMethod: 'invoice', idempotencyKey });
    const again = await placeOrder(acme, buyer, { addressId, paymentMethod: 'invoice', idempotencyKey });
    expect(again.id).toBe(order.id);
    expect(await withTenant(acme.id, (tx) => tx.select().from(orders).where(eq(orders.idempotencyKey, idempotencyKey)))).toHaveLength(1);
    expect((await loadCart(acme, buyer)).lines).toEqual([]);
  });
});
