import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inngest } from 'inngest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outbox, tenants } from '@/db/schema';
import { inngestPublisher } from '@/lib/outbox/publisher';
import { relayOutbox } from '@/lib/outbox/relay';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { createTestDatabases, platformDb, type TestDatabases } from './support/test-database';

/**
 * The relay through the real Inngest SDK, against a local stand-in for the engine's event API
 * (`POST /e/<event key>`), so what goes over the wire is what a real engine would receive.
 */

const EVENT_KEY = 'evtkey-test-0123456789abcdef';

interface Received {
  path: string;
  events: { id?: string; name: string; data: Record<string, unknown>; ts?: number }[];
}

let server: Server;
let received: Received[] = [];
let answer: { status: number; body: (events: Received['events']) => unknown } = {
  status: 200,
  body: (events) => ({ ids: events.map((e) => e.id), status: 200 }),
};
let dbs: TestDatabases;
let tenantId = '';

const client = () => new Inngest({ id: 'storefleet', eventKey: EVENT_KEY, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const events = JSON.parse(raw) as Received['events'];
      received.push({ path: req.url ?? '', events });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body(events)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  dbs = await createTestDatabases();
  const [acme] = await (await platformDb(dbs.registry))
    .insert(tenants)
    .values({ subdomain: 'acme', name: 'ACME', fromEmailAddress: 'info@acme.test' })
    .returning({ id: tenants.id });
  tenantId = acme!.id;
});

beforeEach(async () => {
  received = [];
  answer = { status: 200, body: (events) => ({ ids: events.map((e) => e.id), status: 200 }) };
  await (await platformDb(dbs.registry)).delete(outbox);
});

afterAll(async () => {
  await dbs.cleanup();
  await new Promise((resolve) => server.close(resolve));
});

describe('outbox relay through the Inngest SDK', () => {
  it('sends the batch in one request, each event under its outbox event id and carrying its tenant', async () => {
    await withTenant(tenantId, (tx) =>
      tx.insert(outbox).values([
        { tenantId, eventId: 'order-placed:o1', eventName: 'shop/order.placed', payload: { orderId: 'o1' } },
        { tenantId, eventId: 'order-placed:o2', eventName: 'shop/order.placed', payload: { orderId: 'o2' } },
      ]),
    );

    expect(await relayOutbox({ publisher: inngestPublisher(client()) })).toEqual({ published: 2, failed: 0 });

    expect(received).toHaveLength(1);
    expect(received[0]!.path).toBe(`/e/${EVENT_KEY}`);
    const sent = received[0]!.events.map((e) => ({ id: e.id, name: e.name, data: e.data }));
    expect(sent.sort((a, b) => a.id!.localeCompare(b.id!))).toEqual([
      { id: 'order-placed:o1', name: 'shop/order.placed', data: { orderId: 'o1', tenantId, pool: 'shared' } },
      { id: 'order-placed:o2', name: 'shop/order.placed', data: { orderId: 'o2', tenantId, pool: 'shared' } },
    ]);
  });

  it('records a refused send without the event key and sends the same event id again later', async () => {
    await withTenant(tenantId, (tx) => tx.insert(outbox).values({ tenantId, eventId: 'order-placed:o3', eventName: 'shop/order.placed', payload: {} }));
    answer = { status: 500, body: () => ({ error: `engine unavailable for key ${EVENT_KEY}`, status: 500 }) };

    expect(await relayOutbox({ publisher: inngestPublisher(client()) })).toEqual({ published: 0, failed: 1 });
    const [failed] = await (await platformDb(dbs.registry)).select().from(outbox);
    expect(failed).toMatchObject({ publishedAt: null, attempts: 1 });
    expect(failed!.lastError).toContain('engine unavailable');
    expect(failed!.lastError).not.toContain(EVENT_KEY);

    answer = { status: 200, body: (events) => ({ ids: events.map((e) => e.id), status: 200 }) };
    const later = new Date(failed!.createdAt.getTime() + 60_000);
    expect(await relayOutbox({ publisher: inngestPublisher(client()), now: later })).toEqual({ published: 1, failed: 0 });
    const ids = received.flatMap((r) => r.events.map((e) => e.id));
    expect(new Set(ids)).toEqual(new Set(['order-placed:o3']));
    expect(ids.length).toBeGreaterThan(1);
  });
});
