import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_SUPER_ADMIN } from '@/db/seed/seed-demo';
import { outbox, platformAuditLog, staffUsers, tenants, type Order, type Tenant } from '@/db/schema';
import { FOLLOW_PLAN_POOL, setTenantPlan, setTenantWorkflowPool } from '@/lib/tenancy/manage-tenants';
import type { AdminActor } from '@/lib/auth/authorize-admin';
import { isAppError } from '@/lib/errors';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { newBuyer, payInSandbox, placeTestOrder, readOrder, startWorkflowHarness, tenantBySubdomain, type WorkflowHarness } from './support/workflow-harness';

/**
 * Workflow pools end to end: the real serve routes of every pool (`/api/inngest` for `shared`,
 * `/api/inngest/<pool>` for the others), each synced with the engine double as its own app, and the
 * outbox relay stamping each event's pool as it publishes it. The tenant → pool mapping is changed as the
 * console changes it, in the database, while the harness keeps running.
 */

let h: WorkflowHarness;
let admin: AdminActor;
let acme: Tenant;
let bigcorp: Tenant;

beforeAll(async () => {
  h = await startWorkflowHarness();
  acme = await tenantBySubdomain(h.demo, 'acme');
  bigcorp = await tenantBySubdomain(h.demo, 'bigcorp');
  const [row] = await h.demo.db.select().from(staffUsers).where(eq(staffUsers.email, DEMO_SUPER_ADMIN.email));
  admin = { id: row!.id, email: row!.email, name: row!.name };
}, 120_000);
afterAll(async () => h?.close());
beforeEach(() => h.executor.reset());

const workflowOf = (order: Order) => h.executor.runsOf('order-workflow').filter((run) => (run.event.data as { orderId: string }).orderId === order.id);
const appsOf = (order: Order) => workflowOf(order).map((run) => run.appId);

async function placeAndPump(tenant: Tenant, label: string, method: 'card' | 'invoice'): Promise<Order> {
  const order = await placeTestOrder(h.demo, tenant, await newBuyer(tenant, label), method);
  await h.pump();
  return order;
}

describe('workflow pools', () => {
  it('syncs one app per pool, each with the same function ids; the cron chores only in shared', () => {
    const idsOf = (appId: string) =>
      h.executor.functions
        .filter((fn) => fn.appId === appId)
        .map((fn) => fn.id)
        .sort();
    const perTenant = ['notify-invoice-paid', 'notify-order-cancelled', 'order-workflow', 'refund-late-payment', 'refund-order', 'refund-order-failure'];
    expect(idsOf('storefleet')).toEqual([...perTenant, 'expire-auto-approvals', 'outbox-relay-sweep'].sort());
    expect(idsOf('storefleet-premium')).toEqual(perTenant);
    const workflow = h.executor.functions.find((fn) => fn.fullId === 'storefleet-premium-order-workflow')!;
    expect(workflow.triggers).toEqual([{ event: 'shop/order.placed', expression: "event.data.pool == 'premium'" }]);
    expect(workflow.stepUrl).toMatch(/\/api\/inngest\/premium\?/);
    // Per-tenant fairness holds in every pool.
    for (const fn of h.executor.functions.filter((f) => perTenant.includes(f.id) && !f.id.endsWith('-failure'))) {
      expect(fn.concurrency, fn.fullId).toEqual({ key: 'event.data.tenantId', limit: 5 });
    }
  });

  it('runs a premium shop’s order in the premium pool’s app and a standard shop’s in the shared one', async () => {
    const premium = await placeAndPump(bigcorp, 'pool-premium', 'invoice');
    const standard = await placeAndPump(acme, 'pool-standard', 'invoice');
    expect(appsOf(premium)).toEqual(['storefleet-premium']);
    expect(appsOf(standard)).toEqual(['storefleet']);
    expect(workflowOf(premium)[0]!.event.data).toMatchObject({ tenantId: bigcorp.id, pool: 'premium' });
    expect((await readOrder(bigcorp.id, premium.id)).order.status).toBe('fulfilled');
    expect((await readOrder(acme.id, standard.id)).order.status).toBe('fulfilled');
  });

  it('a plan change sends the next order to the new pool at once, while an order waiting for payment finishes in its old one', async () => {
    try {
      const waiting = await placeAndPump(acme, 'pool-before', 'card');
      expect(workflowOf(waiting).map((run) => [run.appId, run.status])).toEqual([['storefleet', 'waiting']]);

      await setTenantPlan(admin, acme.id, 'premium');
      const after = await placeAndPump(acme, 'pool-after', 'invoice');
      expect(appsOf(after)).toEqual(['storefleet-premium']);
      expect((await readOrder(acme.id, after.id)).order.status).toBe('fulfilled');

      // The payment event is stamped with the new pool; the run waiting for it, in the old pool, still takes it.
      await payInSandbox(acme, waiting);
      await h.pump();
      expect(workflowOf(waiting).map((run) => [run.appId, run.status])).toEqual([['storefleet', 'completed']]);
      expect((await readOrder(acme.id, waiting.id)).order.status).toBe('fulfilled');
      const captured = h.executor.eventsNamed('shop/payment.captured').find((e) => e.data.orderId === waiting.id)!;
      expect(captured.data.pool).toBe('premium');
      // The payment's own follow-up check (a new run) goes to the new pool, and finds nothing to refund.
      const late = h.executor.runsOf('refund-late-payment').filter((run) => run.event.id === captured.id);
      expect(late.map((run) => [run.appId, run.status, run.output])).toEqual([['storefleet-premium', 'completed', { refunded: false }]]);
    } finally {
      await setTenantPlan(admin, acme.id, 'standard');
    }
  });

  it('the console’s override wins over the plan and, cleared, gives the plan back its say', async () => {
    try {
      await setTenantWorkflowPool(admin, bigcorp.id, 'shared');
      expect(appsOf(await placeAndPump(bigcorp, 'pool-pinned', 'invoice'))).toEqual(['storefleet']);
      await setTenantWorkflowPool(admin, bigcorp.id, FOLLOW_PLAN_POOL);
      expect(appsOf(await placeAndPump(bigcorp, 'pool-unpinned', 'invoice'))).toEqual(['storefleet-premium']);
    } finally {
      await h.demo.db.update(tenants).set({ workflowPool: null }).where(eq(tenants.id, bigcorp.id));
    }
  });
});

describe('the pool the relay stamps', () => {
  it('keeps a configured pool an event was written with (work that continues in its pool), else takes the tenant’s', async () => {
    const write = (eventId: string, pool?: string) =>
      withTenant(bigcorp.id, (tx) =>
        tx.insert(outbox).values({ tenantId: bigcorp.id, eventId, eventName: 'test/pool-stamp', payload: { tenantId: bigcorp.id, ...(pool ? { pool } : {}) } }),
      );
    await write('stamp-pinned', 'shared');
    await write('stamp-unknown', 'gone');
    await write('stamp-none');
    await h.pump();
    const pools = Object.fromEntries(h.executor.eventsNamed('test/pool-stamp').map((e) => [e.id, e.data.pool]));
    expect(pools).toEqual({ 'stamp-pinned': 'shared', 'stamp-unknown': 'premium', 'stamp-none': 'premium' });
  });
});

describe('the console’s workflow pool form', () => {
  const fieldError = async (raw: unknown) => {
    const error = await setTenantWorkflowPool(admin, acme.id, raw).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAppError(error, 'VALIDATION_FAILED'), String(error)).toBe(true);
    return (error as { details: { fieldErrors: Record<string, string> } }).details.fieldErrors.workflowPool;
  };
  const stored = async () => (await h.demo.db.select({ pool: tenants.workflowPool }).from(tenants).where(eq(tenants.id, acme.id)))[0]!.pool;

  it('sets a configured pool, with an audit line, and clears it', async () => {
    expect((await setTenantWorkflowPool(admin, acme.id, ' premium ')).workflowPool).toBe('premium');
    expect(await stored()).toBe('premium');
    expect((await setTenantWorkflowPool(admin, acme.id, FOLLOW_PLAN_POOL)).workflowPool).toBeNull();
    expect((await setTenantWorkflowPool(admin, acme.id, '')).workflowPool).toBeNull();
    const audit = await h.demo.db.select().from(platformAuditLog).where(eq(platformAuditLog.tenantId, acme.id));
    expect(audit.filter((row) => row.action === 'tenant.workflow_pool_changed').map((row) => row.details)).toEqual([
      { from: null, to: 'premium' },
      { from: 'premium', to: null },
      { from: null, to: null },
    ]);
  });

  it('refuses a pool that is not configured, and leaves the tenant as it was', async () => {
    expect(await fieldError('gold')).toBe('Choose one of the configured pools: shared, premium.');
    expect(await fieldError('Premium')).toMatch(/configured pools/);
    expect(await fieldError(['premium'])).toMatch(/configured pools/);
    expect(await stored()).toBeNull();
  });
});

describe('which pools an instance serves', () => {
  type Handlers = Record<'GET' | 'POST' | 'PUT', (request: Request, context: unknown) => Promise<Response>>;
  const saved = process.env.WORKFLOW_SERVE_POOLS;
  afterEach(() => {
    if (saved === undefined) delete process.env.WORKFLOW_SERVE_POOLS;
    else process.env.WORKFLOW_SERVE_POOLS = saved;
  });

  async function call(pool: string | null, method: 'GET' | 'PUT' | 'POST') {
    const route = (await (pool === null ? import('@/app/api/inngest/route') : import('@/app/api/inngest/[pool]/route'))) as unknown as Handlers;
    const path = pool === null ? '/api/inngest' : `/api/inngest/${pool}`;
    const response = await route[method](new Request(`http://app.test${path}`, { method, body: method === 'GET' ? undefined : '{}' }), {
      params: Promise.resolve({ pool }),
    });
    return { status: response.status, code: ((await response.json()) as { code?: string }).code };
  }

  it('answers 404 WORKFLOW_POOL_NOT_SERVED for a pool configured elsewhere, and serves its own', async () => {
    process.env.WORKFLOW_SERVE_POOLS = 'shared';
    for (const method of ['GET', 'PUT', 'POST'] as const) expect(await call('premium', method)).toEqual({ status: 404, code: 'WORKFLOW_POOL_NOT_SERVED' });
    expect((await call(null, 'GET')).status).toBe(200);

    process.env.WORKFLOW_SERVE_POOLS = 'premium';
    expect(await call(null, 'PUT')).toEqual({ status: 404, code: 'WORKFLOW_POOL_NOT_SERVED' });
    expect((await call('premium', 'GET')).status).toBe(200);
  });

  it('answers 404 for a pool that does not exist, and for shared under a pool path', async () => {
    for (const pool of ['gold', 'shared', 'Premium', '..']) expect(await call(pool, 'GET'), pool).toEqual({ status: 404, code: 'WORKFLOW_POOL_NOT_SERVED' });
  });

  it('answers 503 with the reason when the pool configuration is unusable', async () => {
    process.env.WORKFLOW_SERVE_POOLS = 'gold';
    expect(await call('premium', 'GET')).toEqual({ status: 503, code: 'WORKFLOW_NOT_CONFIGURED' });
  });
});
