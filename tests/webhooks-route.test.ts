import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/webhooks/payments/[provider]/route';
import { outbox, webhookEvents } from '@/db/schema';
import { signSandboxWebhook } from '@/lib/payments/sandbox-signature';
import { createTestDatabases, insertTestTenants, type TestDatabases } from './support/test-database';

/** The webhook route as Next calls it: a Request with the raw body, and the provider in the params. */

const SECRET = 'whsec_route_test';
let dbs: TestDatabases;
const ids = { acme: '', globex: '' };

const now = () => Math.floor(Date.now() / 1000);
const payload = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, type: 'payment.succeeded', created: now(), data: { paymentId: `pay_${id}` }, ...extra });

interface Delivery {
  provider?: string;
  headers?: Record<string, string>;
  /** `null` sends no signature header; otherwise overrides how it is made. */
  signature?: string | null;
  secret?: string;
  timestamp?: number;
  signedBody?: string;
}

async function deliver(body: string, options: Delivery = {}) {
  const provider = options.provider ?? 'sandbox';
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  const signature =
    options.signature !== undefined
      ? options.signature
      : signSandboxWebhook(options.signedBody ?? body, { secret: options.secret ?? SECRET, timestamp: options.timestamp ?? now() });
  if (signature !== null) headers['sandbox-signature'] = signature;
  const request = new Request(`https://platform.test/api/webhooks/payments/${encodeURIComponent(provider)}`, { method: 'POST', body, headers });
  const response = await POST(request, { params: Promise.resolve({ provider }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Everything the route could have written, counted below row-level security. */
async function counts() {
  const { db } = await dbs.registry.get('default');
  const [events] = await db.select({ n: sql<number>`count(*)::int` }).from(webhookEvents);
  const [rows] = await db.select({ n: sql<number>`count(*)::int` }).from(outbox);
  return { events: events?.n, outbox: rows?.n };
}

beforeAll(async () => {
  vi.stubEnv('PAYMENT_SANDBOX_WEBHOOK_SECRET', SECRET);
  dbs = await createTestDatabases();
  Object.assign(ids, await insertTestTenants(dbs.registry, [{ subdomain: 'acme' }, { subdomain: 'globex' }]));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await dbs.cleanup();
});

describe('POST /api/webhooks/payments/[provider]', () => {
  it('accepts a validly signed delivery (200), and a redelivery as a duplicate', async () => {
    const body = payload('evt_ok', { tenant_id: ids.acme });
    expect(await deliver(body)).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(await deliver(body)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    const { db } = await dbs.registry.get('default');
    const stored = await db.select().from(webhookEvents).where(eq(webhookEvents.providerEventId, 'evt_ok'));
    expect(stored.map((e) => [e.tenantId, e.provider, e.eventType])).toEqual([[ids.acme, 'sandbox', 'payment.succeeded']]);
  });

  it('takes the tenant from the signed payload, never from the Host', async () => {
    const body = payload('evt_header', { tenant_id: ids.acme });
    const result = await deliver(body, { headers: { 'x-tenant-id': ids.acme, host: 'globex.localhost' } });
    expect(result.status).toBe(200);
    const { db } = await dbs.registry.get('default');
    const stored = await db.select().from(webhookEvents).where(eq(webhookEvents.providerEventId, 'evt_header'));
    expect(stored.map((e) => e.tenantId)).toEqual([ids.acme]);
  });

  it('refuses a signed delivery re-sent with another tenant in the unsigned header, and stores nothing', async () => {
    const before = await counts();
    const result = await deliver(payload('evt_rebound', { tenant_id: ids.acme }), { headers: { 'x-tenant-id': ids.globex } });
    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await counts()).toEqual(before);
  });

  it('uses the header when the payload names no tenant', async () => {
    const result = await deliver(payload('evt_header_only', {}), { headers: { 'x-tenant-id': ids.globex } });
    expect(result.status).toBe(200);
    const { db } = await dbs.registry.get('default');
    const stored = await db.select().from(webhookEvents).where(eq(webhookEvents.providerEventId, 'evt_header_only'));
    expect(stored.map((e) => e.tenantId)).toEqual([ids.globex]);
  });

  const rejected = { status: 400, body: { code: 'WEBHOOK_SIGNATURE_INVALID', message: 'The webhook signature is not valid.' } };

  it('rejects a tampered body with 400 and stores nothing', async () => {
    const before = await counts();
    const signedBody = payload('evt_tampered', { tenant_id: ids.acme });
    const tampered = signedBody.replace(ids.acme, ids.globex);
    expect(await deliver(tampered, { signedBody })).toEqual(rejected);
    expect(await counts()).toEqual(before);
  });

  it('rejects a stale timestamp (older than 300 s) and one in the future with 400', async () => {
    const before = await counts();
    const body = payload('evt_stale', { tenant_id: ids.acme });
    expect(await deliver(body, { timestamp: now() - 301 })).toEqual(rejected);
    // Well past the window, so the second ticking over between signing and checking cannot make it pass.
    expect(await deliver(body, { timestamp: now() + 360 })).toEqual(rejected);
    expect(await counts()).toEqual(before);
  });

  it('rejects a signature made with the wrong secret with 400', async () => {
    const before = await counts();
    expect(await deliver(payload('evt_wrong_secret', { tenant_id: ids.acme }), { secret: 'whsec_attacker' })).toEqual(rejected);
    expect(await counts()).toEqual(before);
  });

  it('rejects a missing or malformed signature header with 400', async () => {
    const before = await counts();
    const body = payload('evt_unsigned', { tenant_id: ids.acme });
    expect(await deliver(body, { signature: null })).toEqual(rejected);
    expect(await deliver(body, { signature: 't=abc,v1=xyz' })).toEqual(rejected);
    expect(await counts()).toEqual(before);
  });

  it('answers an unknown provider with 404 NOT_FOUND, even when signed', async () => {
    for (const provider of ['stripe', '__proto__', 'constructor']) {
      const result = await deliver(payload('evt_unknown_provider', { tenant_id: ids.acme }), { provider });
      expect(result).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: 'Unknown payment provider.' } });
    }
  });

  it('answers a delivery naming no tenant anywhere with 400 TENANT_REQUIRED and stores nothing', async () => {
    const before = await counts();
    const result = await deliver(payload('evt_no_tenant'));
    expect(result.status).toBe(400);
    expect(result.body.code).toBe('TENANT_REQUIRED');
    expect(await counts()).toEqual(before);
  });

  it('answers an empty tenant header with 400 TENANT_REQUIRED, not a server error', async () => {
    const result = await deliver(payload('evt_empty_header', { tenant_id: ids.acme }), { headers: { 'x-tenant-id': '   ' } });
    expect(result).toEqual({ status: 400, body: { code: 'TENANT_REQUIRED', message: 'The tenant id is empty.' } });
  });

  it('answers a tenant that is not a UUID with 400 and an unknown one with 404', async () => {
    expect((await deliver(payload('evt_slug', { tenant_id: 'acme' }))).body.code).toBe('TENANT_REQUIRED');
    const unknown = await deliver(payload('evt_unknown_tenant', { tenant_id: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown).toMatchObject({ status: 404, body: { code: 'TENANT_NOT_FOUND' } });
  });

  it('answers a signed body that is not an event with 422', async () => {
    const result = await deliver(JSON.stringify({ tenant_id: ids.acme, type: 'payment.succeeded' }));
    expect(result).toEqual({ status: 422, body: { code: 'VALIDATION_FAILED', message: 'The webhook payload is not a valid event.' } });
  });

  it('refuses an oversized body before verifying it', async () => {
    const result = await deliver(payload('evt_big', { tenant_id: ids.acme, padding: 'x'.repeat(300 * 1024) }));
    expect(result).toEqual({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE', message: 'The webhook body is larger than 256 KiB.' } });
  });

  it('stops reading a body streamed without Content-Length at the limit, and refuses it', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(64 * 1024).fill(120));
      },
    });
    const request = new Request('https://platform.test/api/webhooks/payments/sandbox', {
      method: 'POST',
      body: endless,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    const response = await POST(request, { params: Promise.resolve({ provider: 'sandbox' }) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    // 256 KiB is four 64 KiB chunks: the fifth crosses the limit and nothing after it is read.
    expect(pulled).toBeLessThanOrEqual(6);
  });
});
