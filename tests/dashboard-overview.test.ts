import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, refunds, tenants, type Tenant } from '@/db/schema';
import { DEMO_CUSTOMER } from '@/db/seed/seed-demo';
import { authorizeStaff } from '@/lib/auth/authorize-staff';
import { lastDays, loadDashboardOverview } from '@/lib/orders/sales-overview';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';
import { newBuyer, placeTestOrder } from './support/workflow-harness';

let demo: DemoCatalog;
let acme: Tenant;
let consumer: Tenant;

beforeAll(async () => {
  demo = await seedDemoForTest();
  acme = (await demo.db.select().from(tenants).where(eq(tenants.subdomain, 'acme')))[0]!;
  consumer = (await demo.db.select().from(tenants).where(eq(tenants.subdomain, 'consumer')))[0]!;
});
afterAll(async () => demo.cleanup());

const signInRequest = (host: string) => new Request(`http://${host}/api/staff-auth/callback/staff-credentials`, { method: 'POST', headers: { host } });

describe('staff sign-in', () => {
  it('lets a shop’s owner into that shop’s dashboard only', async () => {
    const credentials = { email: 'owner@acme.test', password: DEMO_CUSTOMER.password };
    expect(await authorizeStaff(credentials, signInRequest('acme.localhost:3000'))).toMatchObject({ email: 'owner@acme.test', tenantId: acme.id });
    expect(await authorizeStaff(credentials, signInRequest('consumer.localhost:3000'))).toBeNull();
    expect(await authorizeStaff({ ...credentials, password: 'wrong password' }, signInRequest('acme.localhost:3000'))).toBeNull();
  });

  it('does not let a customer in with their shop password', async () => {
    expect(await authorizeStaff({ email: DEMO_CUSTOMER.email, password: DEMO_CUSTOMER.password }, signInRequest('acme.localhost:3000'))).toBeNull();
  });
});

describe('dashboard overview', () => {
  it('counts today’s and this month’s sales of this shop only, without cancelled orders', async () => {
    const a = await newBuyer(acme, 'overview-a');
    const first = await placeTestOrder(demo, acme, a, 'invoice');
    const second = await placeTestOrder(demo, acme, a, 'invoice');
    const cancelled = await placeTestOrder(demo, acme, a, 'invoice');
    await withTenant(acme.id, (tx) => tx.update(orders).set({ status: 'cancelled' }).where(eq(orders.id, cancelled.id)));
    const c = await newBuyer(consumer, 'overview-c');
    await placeTestOrder(demo, consumer, c, 'card');

    const overview = await loadDashboardOverview(acme);
    expect(overview.today).toEqual({ orders: 2, grossCents: first.grossCents + second.grossCents });
    expect(overview.month.orders).toBe(2);
    expect(overview.last30Days).toHaveLength(30);
    expect(overview.last30Days.reduce((sum, d) => sum + d.orders, 0)).toBe(2);
    const other = await loadDashboardOverview(consumer);
    expect(other.today.orders).toBe(1);
  });

  it('lists a card order whose payment is about to expire, and counts customers awaiting approval', async () => {
    const b = await newBuyer(consumer, 'overview-due');
    const order = await placeTestOrder(demo, consumer, b, 'card');
    const before = await loadDashboardOverview(consumer);
    expect(before.attention.map((o) => o.number)).not.toContain(order.number);
    const later = new Date(Date.now() + (consumer.paymentTimeoutMinutes - 5) * 60_000);
    const after = await loadDashboardOverview(consumer, later);
    expect(after.attention).toContainEqual(expect.objectContaining({ number: order.number, reason: 'payment_due_soon' }));
    expect(typeof after.pendingCustomers).toBe('number');
  });
});

describe('orders needing attention after a failed delivery', () => {
  it('lists a refund the workflow made because the warehouse gave up, not a refund the shop made itself', async () => {
    const b = await newBuyer(consumer, 'overview-refunds');
    const byWorkflow = await placeTestOrder(demo, consumer, b, 'card');
    const byShop = await placeTestOrder(demo, consumer, b, 'card');
    await withTenant(consumer.id, async (tx) => {
      for (const [order, key, reason] of [
        [byWorkflow, `refund:fulfilment:${byWorkflow.id}`, 'The warehouse could not ship your order.'],
        [byShop, `refund:manual:${byShop.id}`, 'Damaged at the warehouse, customer asked for money back'],
      ] as const) {
        await tx.update(orders).set({ status: 'refunded' }).where(eq(orders.id, order.id));
        await tx.insert(refunds).values({
          tenantId: consumer.id,
          orderId: order.id,
          paymentId: crypto.randomUUID(),
          provider: 'sandbox',
          providerRefundId: `re_${order.id}`,
          amountCents: order.grossCents,
          currency: order.currency,
          reason,
          idempotencyKey: key,
        });
      }
    });
    const attention = (await loadDashboardOverview(consumer)).attention;
    expect(attention).toContainEqual(expect.objectContaining({ number: byWorkflow.number, reason: 'refunded_after_failed_fulfilment' }));
    expect(attention.map((o) => o.number)).not.toContain(byShop.number);
  });
});

describe('lastDays', () => {
  it('gives calendar days across a daylight-saving change without skipping or repeating one', () => {
    const days = lastDays(new Date('2026-03-30T10:00:00Z'), 3, 'Europe/Brussels');
    expect(days).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(lastDays(new Date('2026-10-26T23:30:00Z'), 2, 'Europe/Brussels')).toEqual(['2026-10-26', '2026-10-27']);
  });
});
