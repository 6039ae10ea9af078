import postgres from 'postgres';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformAuditLog, tenants, type Tenant } from '@/db/schema';
import { listTenantMoves, moveTenantFromConsole } from '@/lib/tenancy/tenant-moves';
import { isAppError } from '@/lib/errors';
import { listCustomerOrders } from '@/lib/orders/customer-orders';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';
import { newBuyer, placeTestOrder, tenantBySubdomain } from './support/workflow-harness';

let demo: DemoCatalog;
let atraxion: Tenant;
const admin = { id: '00000000-0000-4000-8000-00000000a001', email: 'admin@storefleet.test', name: 'Operator' };
const TARGET = 'atraxion_own';

beforeAll(async () => {
  demo = await seedDemoForTest({ dedicated: ['bigcorp'] });
  atraxion = await tenantBySubdomain(demo, 'atraxion');
}, 120_000);

afterAll(async () => {
  const base = decodeURIComponent(new URL(demo.dbs.registry.urlFor('default').replace(/^pglite/, 'http')).pathname.slice(1));
  await demo.cleanup();
  if (!process.env.TEST_DATABASE_URL) return;
  const server = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await server.unsafe(`drop database if exists "${base}_${TARGET}" with (force)`);
  await server.end({ timeout: 5 });
});

describe('moving a shop to a dedicated database from the console', () => {
  it('refuses a database name that could not be a database or a directory', async () => {
    const error = await moveTenantFromConsole(admin as never, atraxion.id, { target: '../etc' }).catch((e: unknown) => e);
    expect(isAppError(error, 'VALIDATION_FAILED')).toBe(true);
    const [row] = await demo.db.select({ dedicated: tenants.dedicatedDatabase }).from(tenants).where(eq(tenants.id, atraxion.id));
    expect(row?.dedicated).toBeNull();
  });

  it('moves the shop with its orders, switches it, lists the move and audits who did it', async () => {
    const buyer = await newBuyer(atraxion, 'console-move');
    const order = await placeTestOrder(demo, atraxion, buyer, 'invoice');
    const result = await moveTenantFromConsole(admin as never, atraxion.id, { target: TARGET });
    expect(result.to).toBe(TARGET);
    const [row] = await demo.db.select({ dedicated: tenants.dedicatedDatabase }).from(tenants).where(eq(tenants.id, atraxion.id));
    expect(row?.dedicated).toBe(TARGET);
    const { orders } = await listCustomerOrders(atraxion.id, buyer.customer.id);
    expect(orders.map((o) => o.id)).toEqual([order.id]);
    expect((await listTenantMoves(atraxion.id))[0]).toMatchObject({ toConnection: TARGET, status: 'switched' });
    const audit = await demo.db
      .select()
      .from(platformAuditLog)
      .where(and(eq(platformAuditLog.tenantId, atraxion.id), eq(platformAuditLog.action, 'tenant.moved_to_dedicated')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe('admin@storefleet.test');
  });
});
