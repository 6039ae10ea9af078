import { and, eq } from 'drizzle-orm';
import type { Inngest } from 'inngest';
import {
  articles,
  customers,
  orderEvents,
  orders,
  payments,
  refunds,
  sentEmails,
  shipments,
  tenants,
  type Customer,
  type Order,
  type Tenant,
} from '@/db/schema';
import { addToCart } from '@/lib/cart/cart-service';
import { addAddress } from '@/lib/customers/addresses';
import { inngestPublisher } from '@/lib/outbox/publisher';
import { relayOutbox } from '@/lib/outbox/relay';
import { placeOrder } from '@/lib/orders/place-order';
import { completeSandboxPayment, findSandboxPayment } from '@/lib/payments/submit-sandbox-payment';
import { startOrderPayment } from '@/lib/payments/start-order-payment';
import { registerCustomer } from '@/lib/registration/register-customer';
import { forgetAllTenants } from '@/lib/tenancy/tenant-directory';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { seedDemoForTest, type DemoCatalog } from './demo-catalog';
import { createInngestTestExecutor, DEFAULT_APP_URL, type InngestTestExecutor, type InngestTestExecutorOptions } from './inngest-executor';

type Handler = (req: Request, context?: unknown) => Promise<Response>;
type RouteHandlers = { GET: Handler; POST: Handler; PUT: Handler };

export interface WorkflowHarness {
  demo: DemoCatalog;
  executor: InngestTestExecutor;
  inngest: Inngest.Any;
  /**
   * Publishes the outbox to the executor and lets every run go as far as it can, until nothing moves; retries
   * wait out Inngest's backoff on the virtual clock (sleeps and payment timeouts still need `advanceTime`).
   */
  pump(): Promise<void>;
  /** Publishes the outbox to the executor and nothing more: the runs it starts wait for `settle` or `advanceTime`. */
  relay(): Promise<{ published: number; failed: number }>;
  close(): Promise<void>;
}

export type WorkflowHarnessOptions = Pick<
  InngestTestExecutorOptions,
  'crashAfterStep' | 'protocol' | 'signingKey' | 'workers' | 'requestDuration' | 'maxRequestsPerSettle'
>;

/** A signing key for signed-mode runs (`signkey-<env>-<hex>`, as Inngest issues them). */
const TEST_SIGNING_KEY = 'signkey-test-5f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';

/**
 * The ways the engine can talk to the app, for `describe.each`: checkpointing as production does (the
 * default), plain one-step-per-request, and checkpointing signed with a key as Inngest Cloud does (the
 * app in cloud mode, its route's signature guard on).
 */
export const WORKFLOW_MODES: { mode: string; options: WorkflowHarnessOptions }[] = [
  { mode: 'checkpoint', options: { protocol: 'checkpoint' } },
  { mode: 'plain', options: { protocol: 'plain' } },
  { mode: 'signed', options: { protocol: 'checkpoint', signingKey: TEST_SIGNING_KEY } },
];

/**
 * The port of this file's first harness, reused by the next ones: the SDK's serve handler fixes its
 * out-of-band register URL (`INNGEST_BASE_URL` + `/fn/register`) when the route module is first
 * imported, and a file imports it once however many harnesses it starts one after another.
 */
let enginePort: number | undefined;

/** The variables a harness sets; each harness sets its own and puts the old values back when it closes. */
const ENGINE_ENV = ['INNGEST_DEV', 'INNGEST_BASE_URL', 'INNGEST_SIGNING_KEY', 'INNGEST_EVENT_KEY', 'INNGEST_SERVE_ORIGIN'] as const;

function applyEngineEnv(env: Record<string, string>): () => void {
  const saved = Object.fromEntries(ENGINE_ENV.map((key) => [key, process.env[key]]));
  for (const key of ENGINE_ENV) {
    if (env[key] === undefined) delete process.env[key];
    else process.env[key] = env[key];
  }
  return () => {
    for (const key of ENGINE_ENV) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  };
}

/**
 * The app's real `/api/inngest` routes (the shared pool's and `/api/inngest/<pool>`, each served pool
 * synced as its own app), driven by the protocol-level test executor, over a fresh demo database, in
 * checkpointing mode unless `protocol: 'plain'`, and signed with `signingKey`. The app's Inngest clients
 * read their environment when created and again on every request to the route: the executor's
 * environment is put in place first, the clients and routes are imported after that, and the clients are
 * told again (a second harness in the same file finds them already imported).
 */
export async function startWorkflowHarness(options: WorkflowHarnessOptions = {}): Promise<WorkflowHarness> {
  // bigcorp's plane is its own database: the relay visits it too.
  const demo = await seedDemoForTest({ dedicated: ['bigcorp'] });
  let routes: { shared: RouteHandlers; pool: RouteHandlers } | undefined;
  const executor = await createInngestTestExecutor({
    ...options,
    port: enginePort,
    // As Next.js routes it: `/api/inngest` is the shared pool's route, `/api/inngest/<pool>` the [pool] route.
    appFetch: (request) => {
      if (!routes) throw new Error('routes not loaded');
      const [, segment, ...rest] = new URL(request.url).pathname.split('/api/inngest');
      if (segment === undefined || rest.length > 0) return Promise.resolve(new Response('not found', { status: 404 }));
      const pool = segment.replace(/^\//, '');
      const route = pool ? routes.pool : routes.shared;
      const context = { params: Promise.resolve({ pool }) };
      const method = request.method === 'PUT' || request.method === 'GET' ? request.method : 'POST';
      return route[method](request, context);
    },
  });
  enginePort ??= executor.port;
  const restoreEnv = applyEngineEnv(executor.env);
  routes = {
    shared: (await import('@/app/api/inngest/route')) as unknown as RouteHandlers,
    pool: (await import('@/app/api/inngest/[pool]/route')) as unknown as RouteHandlers,
  };
  const { inngest } = await import('@/inngest/client');
  const { servePathForPool, workflowPoolConfig } = await import('@/inngest/pools');
  inngest.setEnvVars(process.env);
  // Signed runs only mean something with the app in cloud mode, where its route and the SDK check signatures.
  const mode = executor.signed ? 'cloud' : 'dev';
  if (inngest.mode !== mode) throw new Error(`The app's Inngest client is in ${inngest.mode} mode, expected ${mode}`);
  // Every pool this instance serves syncs, as `npm run workflow:sync` does: one app per pool.
  for (const pool of workflowPoolConfig().served) await executor.register(new URL(servePathForPool(pool), DEFAULT_APP_URL).href);
  const publisher = inngestPublisher(inngest);
  return {
    demo,
    executor,
    inngest,
    async pump() {
      for (let round = 0; round < 20; round++) {
        const relayed = await relayOutbox({ publisher });
        await executor.settle({ retries: true });
        if (relayed.published === 0 && relayed.failed === 0) return;
      }
      throw new Error('the outbox kept producing events');
    },
    relay: () => relayOutbox({ publisher }),
    async close() {
      await executor.close();
      restoreEnv();
      await demo.cleanup();
    },
  };
}

export async function tenantBySubdomain(demo: DemoCatalog, subdomain: string): Promise<Tenant> {
  const [tenant] = await demo.db.select().from(tenants).where(eq(tenants.subdomain, subdomain));
  return tenant!;
}

export async function setWarehouse(demo: DemoCatalog, tenantId: string, behaviour: Tenant['sandboxWarehouseBehaviour'], temporaryFailures = 2) {
  await demo.db
    .update(tenants)
    .set({ sandboxWarehouseBehaviour: behaviour, sandboxWarehouseTemporaryFailures: temporaryFailures })
    .where(eq(tenants.id, tenantId));
  forgetAllTenants();
}

/** An approved buyer with an address at the shop. */
export async function newBuyer(tenant: Tenant, label: string): Promise<{ customer: Customer; addressId: string }> {
  const { customer } = await registerCustomer(
    tenant,
    {
      name: `Buyer ${label}`,
      email: `${label}-${crypto.randomUUID().slice(0, 8)}@example.test`,
      password: 'correct horse battery',
      countryCode: 'BE',
      companyName: `${label} BV`,
      vatNumber: 'BE0417497106',
    },
    { registry: null },
  );
  // Approved by the shop, as an owner would in the dashboard.
  const [approved] = await withTenant(tenant.id, (tx) =>
    tx
      .update(customers)
      .set({ status: 'active', approvalType: 'manual', approvedAt: new Date(), approvalExpiresAt: null })
      .where(eq(customers.id, customer.id))
      .returning(),
  );
  const address = await withTenant(tenant.id, (tx) =>
    addAddress(tx, tenant.id, customer.id, { recipient: `Buyer ${label}`, line1: 'Meir 1', postalCode: '2000', city: 'Antwerpen', countryCode: 'BE' }),
  );
  return { customer: approved!, addressId: address.id };
}

let articleCursor = 0;

/** An order of one in-stock article the shop shows, placed through checkout. */
export async function placeTestOrder(
  demo: DemoCatalog,
  tenant: Tenant,
  buyer: { customer: Customer; addressId: string },
  paymentMethod: 'card' | 'invoice',
): Promise<Order> {
  const candidates = await demo.db.select({ id: articles.id, stock: articles.stock }).from(articles).orderBy(articles.id);
  for (;;) {
    const article = candidates[articleCursor++ % candidates.length]!;
    if (article.stock <= 0) continue;
    try {
      await addToCart(tenant, buyer.customer, article.id, 1);
      break;
    } catch {
      // Not visible at this shop: try the next one.
    }
  }
  return placeOrder(tenant, buyer.customer, { addressId: buyer.addressId, paymentMethod, idempotencyKey: `wf-${crypto.randomUUID()}` });
}

/** Pays an order in the sandbox, through the signed webhook the hosted page sends. */
export async function payInSandbox(tenant: Tenant, order: Order): Promise<void> {
  const { paymentId } = await startOrderPayment(tenant, order.id);
  await captureInSandbox(tenant, order, paymentId);
}

/**
 * The provider's capture of a payment, as its signed webhook, whatever the platform thinks of the payment
 * (a provider may capture one the platform voided, or one whose order was cancelled meanwhile).
 */
export async function captureInSandbox(tenant: Tenant, order: Order, paymentId: string): Promise<void> {
  const found = await findSandboxPayment(tenant.id, order.customerId, paymentId);
  await completeSandboxPayment(tenant.id, found!.payment, 'succeeded');
}

/** Everything a person would check about an order, read inside its own tenant. */
export function readOrder(tenantId: string, orderId: string) {
  return withTenant(tenantId, async (tx) => ({
    order: (await tx.select().from(orders).where(eq(orders.id, orderId)))[0]!,
    timeline: (await tx.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.createdAt)).map((e) => e.type),
    payments: await tx.select().from(payments).where(eq(payments.orderId, orderId)),
    refunds: await tx.select().from(refunds).where(eq(refunds.orderId, orderId)),
    shipments: await tx.select().from(shipments).where(eq(shipments.orderId, orderId)),
  }));
}

/** The templates emailed to an address, oldest first. */
export async function emailsTo(tenantId: string, to: string): Promise<string[]> {
  const rows = await withTenant(tenantId, (tx) =>
    tx
      .select({ template: sentEmails.template })
      .from(sentEmails)
      .where(and(eq(sentEmails.toAddress, to)))
      .orderBy(sentEmails.createdAt),
  );
  return rows.map((r) => r.template);
}
