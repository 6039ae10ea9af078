import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { articles, coupons, customers, payments, staffInvitations, staffUsers, tenantArticlePrices, type Tenant } from '@/db/schema';
import { startOrderPayment } from '@/lib/payments/start-order-payment';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { newBuyer, placeTestOrder, startWorkflowHarness, tenantBySubdomain, type WorkflowHarness } from './support/workflow-harness';

/**
 * Tenant isolation over every server action of the storefront and the dashboard, found on the file
 * system (every export of every `actions.ts` under `app/shop/[host]` and `app/dashboard/[host]`, so a
 * new action is swept without anyone adding it). ACME's signed-in customer and owner call each one:
 *
 *   - on Atraxion's host, with Atraxion's ids: every call is refused, and neither shop changes;
 *   - on their own host, with Atraxion's ids: Atraxion does not change, and nothing of it comes back.
 *
 * "Changes" is a fingerprint of every row that carries Atraxion's (or ACME's) tenant id, in every table
 * that has one, read inside that tenant's plane. Actions that need no session (sign-in, registration,
 * password reset, invitation acceptance) are listed as public below; any other export that is not swept
 * fails the test, so a new action has to be looked at.
 */

const request = vi.hoisted(() => ({
  host: '',
  customer: null as null | { customerId: string; tenantId: string },
  staff: null as null | { staffUserId: string; tenantId: string },
}));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn(), refresh: vi.fn() }));
vi.mock('next/headers', () => {
  const jar = () => (request.customer ? [{ name: 'authjs.session-token', value: 'sealed' }] : []);
  return {
    headers: async () => new Headers({ host: request.host }),
    cookies: async () => ({
      getAll: jar,
      get: (name: string) => jar().find((c) => c.name === name),
      has: (name: string) => jar().some((c) => c.name === name),
      set: vi.fn(),
      delete: vi.fn(),
    }),
  };
});
// The action builders also reach the console's Auth.js instance, which builds on the customers' configuration.
vi.mock('@/lib/auth/auth', () => ({
  auth: async () => request.customer,
  authConfig: {},
  signIn: vi.fn(),
  signOut: vi.fn(),
  TooManyAttempts: class extends Error {},
}));
vi.mock('@/lib/auth/staff-auth', () => ({ staffAuth: async () => request.staff, staffSignIn: vi.fn(), staffSignOut: vi.fn() }));

/** Actions anyone may call without a session; their own tests cover them (registration, auth, invitations). */
const PUBLIC_ACTIONS = new Set([
  'account/registerAction',
  'account/signInAction',
  'account/signOutAction',
  'account/requestResetAction',
  'account/resetPasswordAction',
  'dashboard/staffSignInAction',
  'dashboard/staffSignOutAction',
  'dashboard/invite/[token]/acceptInvitationAction',
]);

interface SweptAction {
  name: string;
  call: (form: FormData) => Promise<unknown>;
}

/** Every exported function of every actions.ts under the tenant segments, named `<path>/<export>`. */
async function discoverActions(): Promise<SweptAction[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry === 'actions.ts') files.push(full);
    }
  };
  walk('app/shop/[host]');
  walk('app/dashboard/[host]');
  const found: SweptAction[] = [];
  for (const file of files.sort()) {
    const module = (await import(path.resolve(file))) as Record<string, unknown>;
    const where = path
      .dirname(file)
      .replace(/^app\/(shop|dashboard)\/\[host\]/, (_, plane: string) => (plane === 'dashboard' ? 'dashboard' : ''))
      .split('/')
      .filter((segment) => segment && !/^\(.*\)$/.test(segment))
      .join('/');
    for (const [exportName, value] of Object.entries(module)) {
      if (typeof value !== 'function') continue;
      const action = value as (...args: unknown[]) => Promise<unknown>;
      // `(formData)` or `(previousState, formData)`, as React calls them.
      const call = (form: FormData) => (action.length >= 2 ? action({ status: 'idle' }, form) : action(form));
      found.push({ name: `${where}/${exportName}`, call });
    }
  }
  return found;
}

type Outcome = { kind: 'refused'; detail: string } | { kind: 'done'; detail: string };

/** What an action call amounts to, as the person making it would see it. */
async function outcomeOf(action: SweptAction, form: FormData): Promise<Outcome> {
  try {
    const result = (await action.call(form)) as { status?: string; message?: string } | undefined;
    if (result && typeof result === 'object' && result.status === 'error') return { kind: 'refused', detail: `error: ${result.message}` };
    return { kind: 'done', detail: JSON.stringify(result ?? null) };
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? '');
    const code = String((error as { code?: unknown }).code ?? '');
    if (digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;404')) return { kind: 'refused', detail: 'not found' };
    if (digest.startsWith('NEXT_REDIRECT')) {
      const target = digest.split(';')[2] ?? '';
      // Sent to sign in (or back to where one signs in) is a refusal; anywhere else, the action went through.
      return /sign-in/.test(target) ? { kind: 'refused', detail: `redirect ${target}` } : { kind: 'done', detail: `redirect ${target}` };
    }
    if (['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'TENANT_NOT_FOUND', 'VALIDATION_FAILED', 'NOT_VISIBLE'].includes(code))
      return { kind: 'refused', detail: code };
    throw error;
  }
}

type Runner = { execute: (query: ReturnType<typeof sql>) => Promise<unknown> };

async function rowsOf<T>(runner: Runner, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await runner.execute(query)) as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

async function digestOf(runner: Runner, table: string, column: string, tenantId: string): Promise<string> {
  const [row] = await rowsOf<{ n: number; h: string }>(
    runner,
    sql`select count(*)::int as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h from ${sql.identifier(table)} t where ${sql.identifier(column)} = ${tenantId}`,
  );
  return `${row!.n}:${row!.h}`;
}

/**
 * A digest of every row carrying this tenant's id, in every table that has the column: tables under
 * row-level security read inside the tenant's plane (where the app reads them), the rest directly.
 */
async function fingerprint(tenantId: string): Promise<Record<string, string>> {
  const tables = await rowsOf<{ name: string; rls: boolean }>(
    h.demo.db,
    sql`select c.relname as name, c.relrowsecurity as rls from information_schema.columns col
        join pg_class c on c.relname = col.table_name and c.relnamespace = 'public'::regnamespace
        where col.table_schema = 'public' and col.column_name = 'tenant_id' order by c.relname`,
  );
  const digest: Record<string, string> = { tenants: await digestOf(h.demo.db, 'tenants', 'id', tenantId) };
  for (const { name } of tables.filter((t) => !t.rls)) digest[name] = await digestOf(h.demo.db, name, 'tenant_id', tenantId);
  await withTenant(tenantId, async (tx) => {
    for (const { name } of tables.filter((t) => t.rls)) digest[name] = await digestOf(tx, name, 'tenant_id', tenantId);
  });
  expect(Object.keys(digest).length, 'tables with a tenant id').toBeGreaterThan(20);
  return digest;
}

let h: WorkflowHarness;
let acme: Tenant;
let atraxion: Tenant;
let actions: SweptAction[];
let acmeCustomer: { customerId: string; tenantId: string };
let acmeOwner: { staffUserId: string; tenantId: string };
/** Atraxion's ids, under every field name an action reads one from. */
let theirs: Record<string, string>;
/** What must never come back to ACME's people. */
let theirMarkers: string[];

beforeAll(async () => {
  h = await startWorkflowHarness();
  acme = await tenantBySubdomain(h.demo, 'acme');
  atraxion = await tenantBySubdomain(h.demo, 'atraxion');

  const [buyer] = await withTenant(acme.id, (tx) => tx.select().from(customers).where(eq(customers.email, 'buyer@acme.test')));
  acmeCustomer = { customerId: buyer!.id, tenantId: acme.id };
  const [owner] = await h.demo.db.select().from(staffUsers).where(eq(staffUsers.email, 'owner@acme.test'));
  acmeOwner = { staffUserId: owner!.id, tenantId: acme.id };

  // Atraxion's side: a customer with an address and an order paid by card, a coupon, a price, a staff invitation.
  const them = await newBuyer(atraxion, 'atraxion-private');
  const order = await placeTestOrder(h.demo, atraxion, them, 'card');
  // The buyer went on to the payment page, so there is a pending card payment too.
  const { paymentId } = await startOrderPayment(atraxion, order.id);
  const [payment] = await withTenant(atraxion.id, (tx) => tx.select().from(payments).where(eq(payments.id, paymentId)));
  const [coupon] = await withTenant(atraxion.id, (tx) =>
    tx.insert(coupons).values({ tenantId: atraxion.id, code: 'ATRAXION-PRIVATE', kind: 'percent', percentBp: 500 }).returning(),
  );
  const [article] = await h.demo.db.select({ id: articles.id }).from(articles).orderBy(articles.id).limit(1);
  const [price] = await h.demo.db
    .insert(tenantArticlePrices)
    .values({ tenantId: atraxion.id, articleId: article!.id, priceCents: 4242, validFrom: new Date('2026-01-01') })
    .returning();
  const [theirOwner] = await h.demo.db.select().from(staffUsers).where(eq(staffUsers.email, 'owner@atraxion.test'));
  const [invitation] = await h.demo.db
    .insert(staffInvitations)
    .values({
      tenantId: atraxion.id,
      email: 'new-manager@atraxion.example',
      role: 'manager',
      tokenHash: 'f'.repeat(64),
      invitedBy: theirOwner!.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    .returning();
  expect(payment && coupon && price && invitation, 'the fixture has every kind of id').toBeTruthy();

  theirs = {
    orderId: order.id,
    orderNumber: String(order.number),
    number: String(order.number),
    paymentId: payment!.id,
    customerId: them.customer.id,
    addressId: them.addressId,
    couponId: coupon!.id,
    overrideId: String(price!.id),
    staffUserId: theirOwner!.id,
    invitationId: invitation!.id,
    // Fields an action needs to get past its own validation, so the tenant check is what stops it.
    decision: 'approve',
    outcome: 'succeeded',
    reason: 'Swept',
    marginPercent: '10',
    email: 'someone@example.test',
    role: 'manager',
    articleId: String(price!.articleId),
    itemId: String(price!.articleId),
    quantity: '1',
    price: '1.00',
    validFrom: '2026-01-01',
    code: 'SWEEP10',
    percentOff: '10',
    pointsPerEuro: '1',
    pointValueCents: '1',
    paymentMethod: 'card',
    idempotencyKey: crypto.randomUUID(),
    name: 'Swept',
    primaryColor: '#000000',
    accentColor: '#ffffff',
  };
  theirMarkers = [them.customer.email, them.customer.name, coupon!.code, 'new-manager@atraxion.example'];
  actions = (await discoverActions()).filter((action) => !PUBLIC_ACTIONS.has(action.name));
}, 180_000);

afterAll(async () => h?.close());

function hostileForm(): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(theirs)) form.set(key, value);
  return form;
}

describe('server actions: one shop’s people never reach another shop', () => {
  it('finds the actions: every dashboard and storefront action, public ones only as listed', async () => {
    const everything = (await discoverActions()).map((action) => action.name);
    for (const name of PUBLIC_ACTIONS) expect(everything, `public action ${name} still exists`).toContain(name);
    expect(actions.length).toBeGreaterThanOrEqual(25);
    expect(actions.map((a) => a.name)).toEqual(
      expect.arrayContaining(['dashboard/orders/refundOrderAction', 'checkout/placeOrderAction', 'pay/sandbox/[paymentId]/sandboxPaymentAction']),
    );
  });

  it('on the other shop’s host, with its ids: every action is refused and neither shop changes', async () => {
    const before = { acme: await fingerprint(acme.id), atraxion: await fingerprint(atraxion.id) };
    const wentThrough: string[] = [];
    for (const action of actions) {
      // Both of ACME's people at once, carrying their sessions to Atraxion's host.
      Object.assign(request, { host: `atraxion.localhost:3000`, customer: acmeCustomer, staff: acmeOwner });
      const outcome = await outcomeOf(action, hostileForm());
      if (process.env.SWEEP_DEBUG) console.log(`${action.name}: ${outcome.kind} ${outcome.detail.slice(0, 160)}`);
      if (outcome.kind !== 'refused') wentThrough.push(`${action.name}: ${outcome.detail}`);
    }
    expect(wentThrough).toEqual([]);
    expect(await fingerprint(atraxion.id)).toEqual(before.atraxion);
    expect(await fingerprint(acme.id)).toEqual(before.acme);
  });

  it('on their own host, with the other shop’s ids: the other shop does not change and nothing of it comes back', async () => {
    const before = await fingerprint(atraxion.id);
    const leaks: string[] = [];
    for (const action of actions) {
      Object.assign(request, { host: `acme.localhost:3000`, customer: acmeCustomer, staff: acmeOwner });
      const outcome = await outcomeOf(action, hostileForm());
      if (process.env.SWEEP_DEBUG) console.log(`own host ${action.name}: ${outcome.kind} ${outcome.detail.slice(0, 160)}`);
      for (const marker of theirMarkers) if (outcome.detail.includes(marker)) leaks.push(`${action.name} returned ${marker}`);
    }
    expect(leaks).toEqual([]);
    expect(await fingerprint(atraxion.id)).toEqual(before);
    // The ids really were Atraxion's: its order is still there, untouched, in its own plane only.
    const [stillTheirs] = await withTenant(atraxion.id, (tx) =>
      tx
        .select()
        .from(payments)
        .where(and(eq(payments.id, theirs.paymentId!), eq(payments.status, 'pending'))),
    );
    expect(stillTheirs?.tenantId).toBe(atraxion.id);
  });
});
