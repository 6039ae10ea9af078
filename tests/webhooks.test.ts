import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, outbox, webhookEvents } from '@/db/schema';
import { isAppError } from '@/lib/errors';
import { receiveWebhook, replayWebhook, type ReceiveWebhookInput } from '@/lib/payments/receive-webhook';
import { TenantId } from '@/lib/payments/tenant-id';
import { headerTenantResolver, type TenantConfig } from '@/lib/payments/webhook-config';
import { webhookOutboxEventId, webhookReplayOutboxEventId } from '@/lib/payments/webhook-event-ids';
import { databaseWebhookStorage as storage } from '@/lib/payments/webhook-storage';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { createTestDatabases, insertTestTenants, type TestDatabases } from './support/test-database';

/**
 * Seed 002 ("Multi-Tenancy"), its "Edge cases" table row by row, against a real database: webhook events,
 * audit and outbox rows in the tenant plane behind row-level security, one tenant (bigcorp) in a dedicated
 * database.
 */

let dbs: TestDatabases;
const ids = { acme: '', globex: '', bigcorp: '' };

const enabledWithHeader: TenantConfig = { enabled: true, resolver: headerTenantResolver };
const disabled: TenantConfig = { enabled: false };

const payload = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, type: 'payment.succeeded', created: 1_770_000_000, data: { paymentId: `pay_${id}`, amountCents: 1000 }, ...extra });

const receive = (input: Omit<ReceiveWebhookInput, 'provider'>, config: TenantConfig = enabledWithHeader) =>
  receiveWebhook({ provider: 'sandbox', ...input }, { config, storage });

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

/** Rows as they physically are in one database, read as the table owner (below row-level security). */
async function eventsIn(connection: string, providerEventId: string) {
  const { db } = await dbs.registry.get(connection);
  return db.select().from(webhookEvents).where(eq(webhookEvents.providerEventId, providerEventId)).orderBy(webhookEvents.receivedAt);
}

async function outboxIn(connection: string, eventIdPrefix: string) {
  const { db } = await dbs.registry.get(connection);
  return db
    .select()
    .from(outbox)
    .where(sql`${outbox.eventId} like ${`${eventIdPrefix}%`}`)
    .orderBy(outbox.createdAt);
}

async function auditFor(connection: string, webhookEventId: string) {
  const { db } = await dbs.registry.get(connection);
  return db.select().from(auditLog).where(sql`${auditLog.details}->>'webhookEventId' = ${webhookEventId}`).orderBy(auditLog.createdAt);
}

beforeAll(async () => {
  dbs = await createTestDatabases(['bigcorp']);
  Object.assign(
    ids,
    await insertTestTenants(dbs.registry, [{ subdomain: 'acme' }, { subdomain: 'globex' }, { subdomain: 'bigcorp', dedicatedDatabase: 'bigcorp' }]),
  );
});

afterAll(async () => dbs.cleanup());

describe('seed 002 edge cases', () => {
  it('Tenancy enabled, called without tenant → TENANT_REQUIRED thrown', async () => {
    const error = await errorOf(receive({ payload: payload('evt_no_tenant') }));
    expect(isAppError(error, 'TENANT_REQUIRED')).toBe(true);
    expect(await eventsIn('default', 'evt_no_tenant')).toEqual([]);
  });

  // The seed's "billable/customer" rows: this platform has no Payable-style customer API in the webhook
  // layer; the tenant-scoped record a provider call creates here is the webhook event (with its outbox and
  // audit rows). So "the same billable" becomes "the same provider event", and its rows are what must be
  // distinct per tenant and tagged with it.
  it('Same billable under two tenants → distinct rows, each tenant-tagged', async () => {
    const a = await receive({ payload: payload('evt_same_billable'), headers: { 'x-tenant-id': ids.acme } });
    const b = await receive({ payload: payload('evt_same_billable'), headers: { 'x-tenant-id': ids.globex } });
    expect(a.event.id).not.toBe(b.event.id);
    expect([a.event.tenantId, b.event.tenantId]).toEqual([ids.acme, ids.globex]);
    const stored = await eventsIn('default', 'evt_same_billable');
    expect(stored.map((e) => [e.id, e.tenantId])).toEqual([
      [a.event.id, ids.acme],
      [b.event.id, ids.globex],
    ]);
  });

  it('Same billable under null tenant → does not collide with tenant-scoped rows', async () => {
    const tenantScoped = await receive({ payload: payload('evt_null_vs_tenant'), headers: { 'x-tenant-id': ids.acme } });
    const withoutTenant = await receive({ payload: payload('evt_null_vs_tenant') }, disabled);
    expect(withoutTenant).toMatchObject({ duplicate: false, tenantId: null });
    expect(withoutTenant.event.id).not.toBe(tenantScoped.event.id);
    const { db } = await dbs.registry.get('default');
    const nullPartition = await db
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.providerEventId, 'evt_null_vs_tenant'), sql`${webhookEvents.tenantId} is null`));
    expect(nullPartition.map((e) => e.id)).toEqual([withoutTenant.event.id]);
    // …and the null-tenant event is in no tenant's view.
    const seenByAcme = await withTenant(ids.acme, (tx) => tx.select().from(webhookEvents).where(eq(webhookEvents.providerEventId, 'evt_null_vs_tenant')));
    expect(seenByAcme.map((e) => e.id)).toEqual([tenantScoped.event.id]);
  });

  it('Same provider event id across tenants → treated as distinct events (dedup isolated)', async () => {
    const first = await receive({ payload: payload('evt_1'), headers: { 'x-tenant-id': ids.acme } });
    const other = await receive({ payload: payload('evt_1'), headers: { 'x-tenant-id': ids.globex } });
    const again = await receive({ payload: payload('evt_1'), headers: { 'x-tenant-id': ids.acme } });
    expect([first.duplicate, other.duplicate, again.duplicate]).toEqual([false, false, true]);
    expect(again.event.id).toBe(first.event.id);
    expect(again.tenantId).toBe(ids.acme);
    expect(await eventsIn('default', 'evt_1')).toHaveLength(2);
  });

  it('Webhook input carries explicit tenantId → overrides the resolver', async () => {
    const result = await receive({ payload: payload('evt_explicit'), headers: { 'x-tenant-id': ids.globex }, tenantId: ids.acme });
    expect(result.tenantId).toBe(ids.acme);
    expect((await eventsIn('default', 'evt_explicit')).map((e) => e.tenantId)).toEqual([ids.acme]);
  });

  it('No resolver and no explicit tenant → tenant resolves to null', async () => {
    const result = await receive({ payload: payload('evt_no_resolver'), headers: { 'x-tenant-id': ids.acme } }, disabled);
    expect(result.tenantId).toBeNull();
    // Tenancy disabled: dedup works on the null partition, the second delivery is a duplicate.
    const again = await receive({ payload: payload('evt_no_resolver') }, disabled);
    expect(again).toMatchObject({ duplicate: true, tenantId: null });
    expect((await eventsIn('default', 'evt_no_resolver')).map((e) => e.tenantId)).toEqual([null]);
  });

  it('Resolver returns null → event is stored under the null tenant', async () => {
    const config: TenantConfig = { enabled: false, resolver: { resolve: async () => null } };
    const result = await receive({ payload: payload('evt_resolver_null') }, config);
    expect(result).toMatchObject({ duplicate: false, tenantId: null });
    expect((await eventsIn('default', 'evt_resolver_null')).map((e) => e.tenantId)).toEqual([null]);
  });

  it("TenantId.of('') / whitespace-only → throws TypeError", async () => {
    expect(() => TenantId.of('')).toThrow(TypeError);
    expect(() => TenantId.of(' \t ')).toThrow(TypeError);
    for (const tenantId of ['', '   ']) {
      const error = await errorOf(receive({ payload: payload('evt_empty_tenant'), tenantId }));
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toBe('Tenant id cannot be empty');
    }
    const fromResolver = await errorOf(receive({ payload: payload('evt_empty_tenant'), headers: { 'x-tenant-id': ' ' } }));
    expect(fromResolver).toBeInstanceOf(TypeError);
    expect(await eventsIn('default', 'evt_empty_tenant')).toEqual([]);
  });

  it('Replay with mismatched context.tenantId → WEBHOOK_REPLAY_DENIED (the matching tenant succeeds)', async () => {
    const { event } = await receive({ payload: payload('evt_replay'), headers: { 'x-tenant-id': ids.acme } });
    const base = webhookOutboxEventId('sandbox', 'evt_replay', ids.acme);
    for (const tenantId of [ids.globex, null]) {
      const error = await errorOf(replayWebhook(event.id, { tenantId }, { storage }));
      expect(isAppError(error, 'WEBHOOK_REPLAY_DENIED')).toBe(true);
      expect((error as Error).message).toBe('Webhook replay not permitted');
    }
    expect((await eventsIn('default', 'evt_replay'))[0]?.replayCount).toBe(0);
    expect(await outboxIn('default', base)).toHaveLength(1);

    const replayed = await replayWebhook(event.id, { tenantId: ids.acme, actor: 'ops@acme.test' }, { storage });
    expect(replayed).toMatchObject({ id: event.id, tenantId: ids.acme, replayCount: 1 });
    expect((await outboxIn('default', base)).map((o) => [o.eventId, o.tenantId])).toEqual([
      [base, ids.acme],
      [webhookReplayOutboxEventId('sandbox', 'evt_replay', ids.acme, 1), ids.acme],
    ]);
    expect((await auditFor('default', event.id)).map((a) => [a.action, a.actor, a.tenantId])).toEqual([
      ['payment.webhook_received', 'webhook:sandbox', ids.acme],
      ['payment.webhook_replayed', 'ops@acme.test', ids.acme],
    ]);
  });
});

describe('payment webhooks on the tenant plane', () => {
  it('stores the same webhook delivered 10 times concurrently once, with one outbox row', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => receive({ payload: payload('evt_concurrent'), headers: { 'x-tenant-id': ids.acme } })));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.event.id)).size).toBe(1);
    expect(await eventsIn('default', 'evt_concurrent')).toHaveLength(1);
    expect(await outboxIn('default', webhookOutboxEventId('sandbox', 'evt_concurrent', ids.acme))).toHaveLength(1);
    expect(await auditFor('default', results[0]!.event.id)).toHaveLength(1);
  });

  it('also deduplicates 10 concurrent deliveries without a tenant (NULLS NOT DISTINCT)', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => receive({ payload: payload('evt_concurrent_null') }, disabled)));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await eventsIn('default', 'evt_concurrent_null')).toHaveLength(1);
    expect(await outboxIn('default', webhookOutboxEventId('sandbox', 'evt_concurrent_null', null))).toHaveLength(1);
  });

  it('writes audit and outbox rows that carry the tenant, under a stable event id', async () => {
    const { event } = await receive({ payload: payload('evt_carried'), headers: { 'x-tenant-id': ids.globex } });
    const rows = await outboxIn('default', webhookOutboxEventId('sandbox', 'evt_carried', ids.globex));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      tenantId: ids.globex,
      eventName: 'payment/webhook.received',
      publishedAt: null,
      payload: { webhookEventId: event.id, tenantId: ids.globex, providerEventId: 'evt_carried', type: 'payment.succeeded', replay: 0 },
    });
    const audit = await auditFor('default', event.id);
    expect(audit.map((a) => [a.tenantId, a.action])).toEqual([[ids.globex, 'payment.webhook_received']]);
    // The audit row holds ids, not the provider payload.
    expect(audit[0]?.details).not.toHaveProperty('data');
  });

  it('writes an outbox row but no audit row for a null-tenant event (audit_log.tenant_id is NOT NULL)', async () => {
    const { event } = await receive({ payload: payload('evt_null_outbox') }, disabled);
    const rows = await outboxIn('default', webhookOutboxEventId('sandbox', 'evt_null_outbox', null));
    expect(rows.map((r) => r.tenantId)).toEqual([null]);
    expect(await auditFor('default', event.id)).toEqual([]);
  });

  it("does not show a tenant another tenant's webhook events, audit or outbox rows through withTenant", async () => {
    await receive({ payload: payload('evt_private'), headers: { 'x-tenant-id': ids.acme } });
    const seenByGlobex = await withTenant(ids.globex, async (tx) => ({
      events: await tx.select().from(webhookEvents).where(eq(webhookEvents.providerEventId, 'evt_private')),
      outbox: await tx.select().from(outbox).where(eq(outbox.tenantId, ids.acme)),
      audit: await tx.select().from(auditLog).where(eq(auditLog.tenantId, ids.acme)),
    }));
    expect(seenByGlobex).toEqual({ events: [], outbox: [], audit: [] });
    const seenByAcme = await withTenant(ids.acme, (tx) => tx.select().from(webhookEvents).where(eq(webhookEvents.providerEventId, 'evt_private')));
    expect(seenByAcme.map((e) => e.tenantId)).toEqual([ids.acme]);
  });

  it("stores a dedicated-database tenant's events, audit and outbox rows in its own database", async () => {
    const { event, duplicate } = await receive({ payload: payload('evt_bigcorp'), headers: { 'x-tenant-id': ids.bigcorp } });
    expect(duplicate).toBe(false);
    expect((await eventsIn('bigcorp', 'evt_bigcorp')).map((e) => e.tenantId)).toEqual([ids.bigcorp]);
    expect(await eventsIn('default', 'evt_bigcorp')).toEqual([]);
    const base = webhookOutboxEventId('sandbox', 'evt_bigcorp', ids.bigcorp);
    expect((await outboxIn('bigcorp', base)).map((o) => o.tenantId)).toEqual([ids.bigcorp]);
    expect(await outboxIn('default', base)).toEqual([]);
    expect(await auditFor('bigcorp', event.id)).toHaveLength(1);
    expect((await receive({ payload: payload('evt_bigcorp'), headers: { 'x-tenant-id': ids.bigcorp } })).duplicate).toBe(true);

    // Replays find it there too: scoped to bigcorp, and unscoped (an operator not confined to a tenant).
    expect(isAppError(await errorOf(replayWebhook(event.id, { tenantId: ids.acme }, { storage })), 'WEBHOOK_REPLAY_DENIED')).toBe(true);
    expect((await replayWebhook(event.id, { tenantId: ids.bigcorp }, { storage })).replayCount).toBe(1);
    expect((await replayWebhook(event.id, {}, { storage })).replayCount).toBe(2);
    expect((await outboxIn('bigcorp', base)).map((o) => o.eventId)).toEqual([
      base,
      webhookReplayOutboxEventId('sandbox', 'evt_bigcorp', ids.bigcorp, 1),
      webhookReplayOutboxEventId('sandbox', 'evt_bigcorp', ids.bigcorp, 2),
    ]);
  });

  it('numbers concurrent replays distinctly, so each has its own outbox event id', async () => {
    const { event } = await receive({ payload: payload('evt_replay_race'), headers: { 'x-tenant-id': ids.globex } });
    const replays = await Promise.all(Array.from({ length: 5 }, () => replayWebhook(event.id, { tenantId: ids.globex }, { storage })));
    expect(replays.map((r) => r.replayCount).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(await outboxIn('default', webhookOutboxEventId('sandbox', 'evt_replay_race', ids.globex))).toHaveLength(6);
  });

  it('replays a null-tenant event for an unscoped or null-scoped caller, and answers an unknown id with NOT_FOUND', async () => {
    const { event } = await receive({ payload: payload('evt_null_replay') }, disabled);
    expect((await replayWebhook(event.id, { tenantId: null }, { storage })).replayCount).toBe(1);
    expect((await replayWebhook(event.id, {}, { storage })).replayCount).toBe(2);
    expect(isAppError(await errorOf(replayWebhook(event.id, { tenantId: ids.acme }, { storage })), 'WEBHOOK_REPLAY_DENIED')).toBe(true);
    expect(isAppError(await errorOf(replayWebhook('00000000-0000-4000-8000-000000000000', {}, { storage })), 'NOT_FOUND')).toBe(true);
    expect(isAppError(await errorOf(replayWebhook('not-a-uuid', {}, { storage })), 'NOT_FOUND')).toBe(true);
  });

  it('refuses a null-tenant row to the application role: that path needs the owner and fails closed otherwise', async () => {
    const { db } = await dbs.registry.get('default');
    const error = await errorOf(
      db.transaction(async (tx) => {
        await tx.execute(sql`set local role storefleet_app`);
        await tx.insert(webhookEvents).values({ tenantId: null, provider: 'sandbox', providerEventId: 'evt_as_app', eventType: 'x', payload: {} });
      }),
    );
    expect(String((error as { cause?: Error }).cause?.message)).toMatch(/row-level security/);
  });

  it('rejects a tenant id that is not a platform tenant', async () => {
    expect(isAppError(await errorOf(receive({ payload: payload('evt_bad_tenant'), tenantId: 'acme' })), 'TENANT_REQUIRED')).toBe(true);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(isAppError(await errorOf(receive({ payload: payload('evt_bad_tenant'), tenantId: unknown })), 'TENANT_NOT_FOUND')).toBe(true);
    expect(await eventsIn('default', 'evt_bad_tenant')).toEqual([]);
  });
});
