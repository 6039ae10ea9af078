import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderLines, orders, outbox, type Order, type Tenant } from '@/db/schema';
import { PER_TENANT_CONCURRENCY } from '@/inngest/fairness';
import { withTenant } from '@/lib/tenancy/with-tenant';
import type { InngestTestRun } from './support/inngest-executor';
import { newBuyer, placeTestOrder, setWarehouse, startWorkflowHarness, tenantBySubdomain, type WorkflowHarness } from './support/workflow-harness';

/**
 * Seed 000's promise, on the engine double and its virtual clock: a premium shop's orders run in a queue
 * nobody else can clog, and one standard shop's flood does not starve another standard shop.
 *
 * Each pool's app is served by WORKERS workers (as if that many instances served it) and every request to
 * the app takes STEP_MS of virtual time; the engine sends whatever Inngest's rules allow (per-shop
 * concurrency, priority) and each app works through what it is sent in arrival order. One standard shop
 * (acme) queues 10,000 orders; while they are being worked through, a premium shop (bigcorp) and a second
 * standard shop (atraxion) each place an order. The premium order's workflow must start and finish in
 * exactly the time it takes on an idle system; the second standard shop's order must start within
 * FAIR_START_MS (the flood can have at most PER_TENANT_CONCURRENCY requests at the shared app at once, so a
 * newcomer waits for at most that many ahead of it across the workers).
 *
 * Remove the pool mapping (`WORKFLOW_PLAN_POOLS=` runs every plan in the shared pool) and the premium order
 * waits behind the flood's requests at the shared workers: this test then fails.
 */
const STEP_MS = 200;
const WORKERS = 4;
const FLOOD = 10_000;
const FAIR_START_MS = Math.ceil(PER_TENANT_CONCURRENCY / WORKERS) * STEP_MS;

let h: WorkflowHarness;
let acme: Tenant;
let atraxion: Tenant;
let bigcorp: Tenant;

const workflowOf = (order: Order): InngestTestRun => {
  const [run] = h.executor.runsOf('order-workflow').filter((r) => (r.event.data as { orderId: string }).orderId === order.id);
  expect(run, `the workflow of order ${order.number}`).toBeDefined();
  return run!;
};

/**
 * `count` more orders like `seed`, each with its lines and its `shop/order.placed` outbox row, written
 * straight to the shop's tables: placing 10,000 orders through checkout would only make the test slow.
 */
async function cloneOrders(tenant: Tenant, seed: Order, count: number): Promise<void> {
  await withTenant(tenant.id, async (tx) => {
    const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, seed.id));
    const [placed] = await tx
      .select()
      .from(outbox)
      .where(eq(outbox.eventId, `order-placed:${seed.id}`));
    expect(placed, 'the seed order was put in the outbox').toBeDefined();
    for (let from = 1; from <= count; from += 500) {
      const batch = Array.from({ length: Math.min(500, count - from + 1) }, (_, i) => {
        const n = from + i;
        return { ...seed, id: crypto.randomUUID(), number: seed.number + n, idempotencyKey: `${seed.idempotencyKey}:${n}` };
      });
      await tx.insert(orders).values(batch);
      await tx.insert(orderLines).values(batch.flatMap((order) => lines.map((line) => ({ ...line, id: crypto.randomUUID(), orderId: order.id }))));
      await tx.insert(outbox).values(
        batch.map((order) => ({
          tenantId: tenant.id,
          eventId: `order-placed:${order.id}`,
          eventName: placed!.eventName,
          payload: { ...placed!.payload, orderId: order.id, number: order.number },
        })),
      );
    }
  });
}

/** Moves the virtual clock in slices until the run has ended, or gives up after `limitMs`. */
async function advanceUntilEnded(run: () => InngestTestRun, limitMs: number): Promise<void> {
  for (let waited = 0; run().endedAt === undefined && waited < limitMs; waited += 1_000) await h.executor.advanceTime(1_000);
}

// Checkpointing (as production runs), where an invoice order's whole workflow is one request, and plain,
// where each step is a request of its own and a run goes back into the queue between them.
describe.each(['checkpoint', 'plain'] as const)('workflow pools and per-shop fairness under a 10,000-order flood (%s protocol)', (protocol) => {
  beforeAll(async () => {
    h = await startWorkflowHarness({
      protocol,
      workers: { storefleet: WORKERS, 'storefleet-premium': WORKERS },
      requestDuration: STEP_MS,
      maxRequestsPerSettle: 50_000,
    });
    acme = await tenantBySubdomain(h.demo, 'acme');
    atraxion = await tenantBySubdomain(h.demo, 'atraxion');
    bigcorp = await tenantBySubdomain(h.demo, 'bigcorp');
    for (const tenant of [acme, atraxion, bigcorp]) await setWarehouse(h.demo, tenant.id, 'succeed');
  }, 180_000);
  afterAll(async () => h?.close());

  it('a premium order takes as long as on an idle system, and another standard shop starts at once', async () => {
    const premiumBuyer = await newBuyer(bigcorp, 'premium');
    const secondBuyer = await newBuyer(atraxion, 'second');
    const floodBuyer = await newBuyer(acme, 'flood');

    // On an idle system.
    const idlePremium = await placeTestOrder(h.demo, bigcorp, premiumBuyer, 'invoice');
    const idleSecond = await placeTestOrder(h.demo, atraxion, secondBuyer, 'invoice');
    await h.pump();
    const idle = { premium: workflowOf(idlePremium), second: workflowOf(idleSecond) };
    expect(idle.premium.status).toBe('completed');
    expect(idle.second.status).toBe('completed');
    const idleDuration = idle.premium.endedAt! - idle.premium.queuedAt;
    expect(idle.premium.startedAt).toBe(idle.premium.queuedAt);
    expect(idleDuration).toBeGreaterThanOrEqual(STEP_MS);

    // One standard shop queues 10,000 orders, and they are under way.
    const seed = await placeTestOrder(h.demo, acme, floodBuyer, 'invoice');
    await cloneOrders(acme, seed, FLOOD - 1);
    let published = 0;
    for (let relayed = await h.relay(); relayed.published > 0; relayed = await h.relay()) {
      expect(relayed.failed).toBe(0);
      published += relayed.published;
    }
    expect(published).toBe(FLOOD);
    await h.executor.advanceTime(10_000);
    const flood = () => h.executor.runsOf('order-workflow').filter((run) => run.event.data.tenantId === acme.id);
    expect(flood()).toHaveLength(FLOOD);
    expect(flood().filter((run) => run.status === 'completed').length).toBeGreaterThan(0);

    // Now a premium shop and another standard shop each place an order.
    const premiumOrder = await placeTestOrder(h.demo, bigcorp, premiumBuyer, 'invoice');
    const secondOrder = await placeTestOrder(h.demo, atraxion, secondBuyer, 'invoice');
    expect(await h.relay()).toEqual({ published: 2, failed: 0 });
    await advanceUntilEnded(() => workflowOf(premiumOrder), 120_000);
    await advanceUntilEnded(() => workflowOf(secondOrder), 120_000);

    const premium = workflowOf(premiumOrder);
    const second = workflowOf(secondOrder);
    expect(premium.status).toBe('completed');
    expect(premium.startedAt! - premium.queuedAt, 'the premium order starts at once').toBe(0);
    expect(premium.endedAt! - premium.queuedAt, 'the premium order takes what it takes on an idle system').toBe(idleDuration);
    expect(second.status).toBe('completed');
    expect(second.startedAt! - second.queuedAt, `the second standard shop's order starts within ${FAIR_START_MS} ms`).toBeLessThanOrEqual(FAIR_START_MS);
    expect([idle.premium.appId, premium.appId, second.appId]).toEqual(['storefleet-premium', 'storefleet-premium', 'storefleet']);
    // The flood was real: nearly all of it is still queued behind its own concurrency limit.
    expect(flood().filter((run) => run.startedAt === undefined || run.startedAt > h.executor.now()).length).toBeGreaterThan(FLOOD * 0.9);
  }, 600_000);
});
