import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
import { hostileString } from '@/tests/support/hostile-input';
import { MemoryWebhookStorage } from '@/tests/support/memory-webhook-storage';
import { receiveWebhook, replayWebhook } from './receive-webhook';
import { EmptyTenantIdError } from './tenant-id';
import { platformWebhookConfig, type TenantConfig, type TenantResolver } from './webhook-config';
import { PAYMENT_WEBHOOK_RECEIVED, webhookOutboxEventId, webhookReplayOutboxEventId } from './webhook-event-ids';

const payload = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, type: 'payment.succeeded', created: 1_770_000_000, data: { paymentId: 'pay_1' }, ...extra });

const fixed = (tenant: string | null): TenantResolver => ({ resolve: () => tenant });

function setup(config: TenantConfig) {
  const storage = new MemoryWebhookStorage();
  return { storage, deps: { config, storage } };
}

describe('receiveWebhook (tenant resolution)', () => {
  it('gives the resolver the provider, lower-cased headers and the raw payload, and awaits it', async () => {
    const seen: unknown[] = [];
    const resolver: TenantResolver = {
      resolve: async (context) => {
        seen.push(context);
        return context.headers['x-tenant-id'] ?? null;
      },
    };
    const { deps } = setup({ enabled: true, resolver });
    const raw = payload('evt_ctx');
    const result = await receiveWebhook({ provider: 'sandbox', payload: raw, headers: { 'X-Tenant-Id': 'acme' } }, deps);
    expect(result.tenantId).toBe('acme');
    expect(seen).toEqual([{ provider: 'sandbox', headers: { 'x-tenant-id': 'acme' }, payload: raw }]);
  });

  it('an explicit null tenant skips the resolver', async () => {
    const { deps } = setup({ enabled: false, resolver: fixed('acme') });
    const result = await receiveWebhook({ provider: 'sandbox', payload: payload('evt_null'), tenantId: null }, deps);
    expect(result.tenantId).toBeNull();
  });

  it('with tenancy enabled, an explicit null is still no tenant: TENANT_REQUIRED', async () => {
    const { deps, storage } = setup({ enabled: true, resolver: fixed('acme') });
    const error = await receiveWebhook({ provider: 'sandbox', payload: payload('evt_x'), tenantId: null }, deps).catch((e: unknown) => e);
    expect(isAppError(error, 'TENANT_REQUIRED')).toBe(true);
    expect(storage.events).toEqual([]);
  });

  it('trims the tenant id and rejects an empty one from the resolver as well', async () => {
    const { deps } = setup({ enabled: true, resolver: fixed('  ') });
    await expect(receiveWebhook({ provider: 'sandbox', payload: payload('evt_ws') }, deps)).rejects.toThrow(TypeError);
    const result = await receiveWebhook({ provider: 'sandbox', payload: payload('evt_trim'), tenantId: ' acme ' }, deps);
    expect(result.tenantId).toBe('acme');
  });

  it('rejects a payload that is not an event, after the tenant check and before storing', async () => {
    const { deps, storage } = setup({ enabled: false });
    for (const bad of ['not json', '[]', JSON.stringify({ type: 'x' }), JSON.stringify({ id: '', type: 'x' }), JSON.stringify({ id: 'e', type: 3 })]) {
      const error = await receiveWebhook({ provider: 'sandbox', payload: bad }, deps).catch((e: unknown) => e);
      expect(isAppError(error, 'VALIDATION_FAILED')).toBe(true);
    }
    expect(storage.events).toEqual([]);
  });
});

describe('receiveWebhook (announcements)', () => {
  it('publishes a new event once, under an id derived from provider, event id and tenant', async () => {
    const { deps, storage } = setup({ enabled: true });
    await receiveWebhook({ provider: 'sandbox', payload: payload('evt_1'), tenantId: 'acme' }, deps);
    await receiveWebhook({ provider: 'sandbox', payload: payload('evt_1'), tenantId: 'acme' }, deps);
    await receiveWebhook({ provider: 'sandbox', payload: payload('evt_1'), tenantId: 'globex' }, deps);
    expect(storage.outbox.map((o) => o.eventId)).toEqual([
      webhookOutboxEventId('sandbox', 'evt_1', 'acme'),
      webhookOutboxEventId('sandbox', 'evt_1', 'globex'),
    ]);
    expect(storage.outbox[0]).toMatchObject({
      tenantId: 'acme',
      eventName: PAYMENT_WEBHOOK_RECEIVED,
      payload: { tenantId: 'acme', provider: 'sandbox', providerEventId: 'evt_1', type: 'payment.succeeded', replay: 0, data: { paymentId: 'pay_1' } },
    });
    expect(storage.audit.map((a) => [a.tenantId, a.action])).toEqual([
      ['acme', 'payment.webhook_received'],
      ['globex', 'payment.webhook_received'],
    ]);
  });

  it('derives ids that do not collide through separators and ignore UUID case', () => {
    expect(webhookOutboxEventId('sandbox', 'a:b', null)).not.toBe(webhookOutboxEventId('sandbox', 'a', 'b'));
    expect(webhookOutboxEventId('sandbox', 'e', null)).not.toBe(webhookOutboxEventId('sandbox', 'e', 'null'));
    expect(webhookOutboxEventId('sandbox', 'e', 'ABCDEF00-0000-4000-8000-000000000000')).toBe(
      webhookOutboxEventId('sandbox', 'e', 'abcdef00-0000-4000-8000-000000000000'),
    );
    expect(webhookReplayOutboxEventId('sandbox', 'e', null, 2)).toBe(`${webhookOutboxEventId('sandbox', 'e', null)}:replay:2`);
  });
});

describe('replayWebhook', () => {
  it('denies a replay from another tenant, or from the null tenant, and allows the owner and an unscoped caller', async () => {
    const { deps, storage } = setup({ enabled: true });
    const { event } = await receiveWebhook({ provider: 'sandbox', payload: payload('evt_r'), tenantId: 'acme' }, deps);
    for (const tenantId of ['globex', null]) {
      const error = await replayWebhook(event.id, { tenantId }, deps).catch((e: unknown) => e);
      expect(isAppError(error, 'WEBHOOK_REPLAY_DENIED')).toBe(true);
      expect((error as Error).message).toBe('Webhook replay not permitted');
    }
    expect((await replayWebhook(event.id, { tenantId: 'acme', actor: 'ops@acme' }, deps)).replayCount).toBe(1);
    expect((await replayWebhook(event.id, {}, deps)).replayCount).toBe(2);
    expect(storage.outbox.map((o) => o.eventId).slice(1)).toEqual([
      webhookReplayOutboxEventId('sandbox', 'evt_r', 'acme', 1),
      webhookReplayOutboxEventId('sandbox', 'evt_r', 'acme', 2),
    ]);
    expect(storage.audit.at(-2)).toMatchObject({ tenantId: 'acme', actor: 'ops@acme', action: 'payment.webhook_replayed' });
  });

  it('denies a tenant replaying a null-tenant event, allows null', async () => {
    const { deps } = setup({ enabled: false });
    const { event } = await receiveWebhook({ provider: 'sandbox', payload: payload('evt_n') }, deps);
    const error = await replayWebhook(event.id, { tenantId: 'acme' }, deps).catch((e: unknown) => e);
    expect(isAppError(error, 'WEBHOOK_REPLAY_DENIED')).toBe(true);
    expect((await replayWebhook(event.id, { tenantId: null }, deps)).replayCount).toBe(1);
  });

  it('answers an unknown event with NOT_FOUND to an unscoped caller and with a denial to a tenant', async () => {
    const { deps } = setup({ enabled: true });
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(isAppError(await replayWebhook(missing, {}, deps).catch((e: unknown) => e), 'NOT_FOUND')).toBe(true);
    expect(isAppError(await replayWebhook(missing, { tenantId: 'acme' }, deps).catch((e: unknown) => e), 'WEBHOOK_REPLAY_DENIED')).toBe(true);
  });

  it('rejects an empty replay tenant with a TypeError', async () => {
    const { deps } = setup({ enabled: true });
    await expect(replayWebhook('x', { tenantId: ' ' }, deps)).rejects.toThrow(TypeError);
  });
});

describe('receiveWebhook: properties', () => {
  const jsonish = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileString);
  const tenantish = fc.oneof(
    fc.uuid(),
    fc.uuid().map((id) => ` ${id.toUpperCase()} `),
    hostileString,
    fc.integer(),
    fc.constant(null),
  );
  const eventBody = fc.record(
    {
      id: fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), hostileString, fc.string({ minLength: 250, maxLength: 300 }), fc.integer()),
      type: fc.oneof(fc.constantFrom('payment.succeeded', 'payment.failed', 'charge.refunded'), hostileString, fc.constant(7)),
      created: fc.oneof(fc.integer(), hostileString),
      tenant_id: tenantish,
      metadata: fc.oneof(fc.record({ tenantId: tenantish }, { requiredKeys: [] }), jsonish),
      data: jsonish,
      __proto__: jsonish,
    },
    { requiredKeys: [] },
  );
  const payload = fc.oneof(
    eventBody.map((body) => JSON.stringify(body) ?? ''),
    hostileString,
    fc.json(),
    fc.constantFrom('{"id":"e","type":"t","data":"\\u0000"}', '{"id":"e\\u0000","type":"t"}', '{"id":"e","type":"t","a\\u0000":1}'),
  );
  const headerTenant = fc.option(tenantish.map(String), { nil: undefined });

  /** What PostgreSQL's jsonb needs: serialisable, and no U+0000 in any key or string. */
  function expectStorableJson(value: unknown) {
    const text = JSON.stringify(value);
    expect(text).not.toMatch(/(?<!\\)(?:\\\\)*\\u0000/);
  }

  const bodyTenant = (raw: string): string | null => {
    try {
      const body = JSON.parse(raw) as Record<string, unknown>;
      if (typeof body?.tenant_id === 'string') return body.tenant_id;
      const metadata = body?.metadata as Record<string, unknown> | undefined;
      return typeof metadata?.tenantId === 'string' && metadata !== null && !Array.isArray(metadata) ? metadata.tenantId : null;
    } catch {
      return null;
    }
  };

  it('refuses a tenant id holding control characters (a stored NUL would fail the query)', async () => {
    const { deps, storage } = setup(platformWebhookConfig);
    await expect(
      receiveWebhook({ provider: 'sandbox', payload: '{"id":" ","type":"\\u0001"}', headers: { 'X-Tenant-Id': '\u0000' } }, deps),
    ).rejects.toMatchObject({ code: 'TENANT_REQUIRED' });
    expect(storage.events).toEqual([]);
  });

  it('refuses with an application error only, and stores an event under the tenant its signed payload names', async () => {
    await fc.assert(
      fc.asyncProperty(payload, headerTenant, async (raw, tenantHeader) => {
        const { deps, storage } = setup(platformWebhookConfig);
        const headers: Record<string, string> = tenantHeader === undefined ? {} : { 'X-Tenant-Id': tenantHeader };
        let result: Awaited<ReturnType<typeof receiveWebhook>> | undefined;
        try {
          result = await receiveWebhook({ provider: 'sandbox', payload: raw, headers }, deps);
        } catch (error) {
          expect(isAppError(error) || error instanceof EmptyTenantIdError).toBe(true);
          expect((error as Error).message.trim()).not.toBe('');
          expect(storage.events).toEqual([]);
          return;
        }
        const named = bodyTenant(raw) ?? tenantHeader ?? null;
        expect(result.tenantId).toBe(named === null ? null : named.trim());
        expect(result.tenantId).not.toBe('');
        const { providerEventId, eventType, payload: stored } = result.event;
        for (const text of [providerEventId, eventType]) {
          expect(text.length).toBeGreaterThan(0);
          expect(text.length).toBeLessThanOrEqual(255);
        }
        expectStorableJson(stored);
        for (const row of storage.outbox) expectStorableJson(row.payload);
      }),
      { numRuns: 500 },
    );
  });

  it('never lets an unsigned header move a signed event to another tenant', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uuid(), fc.uuid(), async (signed, header) => {
        fc.pre(signed !== header);
        const { deps, storage } = setup(platformWebhookConfig);
        const raw = payload_(signed);
        const error = await receiveWebhook({ provider: 'sandbox', payload: raw, headers: { 'x-tenant-id': header } }, deps).catch((e: unknown) => e);
        expect(isAppError(error, 'VALIDATION_FAILED')).toBe(true);
        expect(storage.events).toEqual([]);
      }),
    );
  });

  it('refuses a payload jsonb cannot store: a NUL anywhere, or nesting deep enough to overflow serialisation', async () => {
    const deep = `{"id":"evt_deep","type":"payment.succeeded","data":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    for (const raw of ['{"id":"evt_1","type":"payment.succeeded","data":{"note":"a\\u0000b"}}', '{"id":"evt\\u0000","type":"payment.succeeded"}', deep]) {
      const { deps, storage } = setup({ enabled: false });
      const error = await receiveWebhook({ provider: 'sandbox', payload: raw }, deps).catch((e: unknown) => e);
      expect(isAppError(error, 'VALIDATION_FAILED')).toBe(true);
      expect(storage.events).toEqual([]);
    }
    // An escaped backslash before "u0000" is ordinary text, not a NUL.
    const { deps } = setup({ enabled: false });
    await expect(receiveWebhook({ provider: 'sandbox', payload: '{"id":"evt_2","type":"t","data":"\\\\u0000"}' }, deps)).resolves.toMatchObject({
      duplicate: false,
    });
  });
});

function payload_(tenantId: string) {
  return JSON.stringify({ id: 'evt_signed', type: 'payment.succeeded', tenant_id: tenantId, data: { paymentId: 'pay_1' } });
}
