import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '@/db/schema';
import { recordingPublisher, type OutboxEvent } from '@/lib/outbox/publisher';
import { relayOutbox } from '@/lib/outbox/relay';
import { startOutboxRelayLoop } from '@/lib/outbox/relay-loop';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { asApplicationRole as asApplicationRoleOn, createTestDatabases, insertTestTenants, platformDb, type TestDatabases } from './support/test-database';

/**
 * The outbox relay against real databases: acme and globex share the default database, bigcorp has a
 * dedicated one, and one row has no tenant at all.
 */

let dbs: TestDatabases;
const ids = { acme: '', globex: '', bigcorp: '' };
type TenantName = keyof typeof ids;
const PLANES = ['default', 'bigcorp'] as const;

/** Written the way application code writes outbox rows: through withTenant, under row-level security. */
async function write(tenant: TenantName | null, eventId: string, payload: Record<string, unknown> = {}, eventName = 'test/happened') {
  if (tenant === null) {
    const db = await platformDb(dbs.registry);
    await db.insert(outbox).values({ tenantId: null, eventId, eventName, payload });
    return;
  }
  const tenantId = ids[tenant];
  await withTenant(tenantId, (tx) => tx.insert(outbox).values({ tenantId, eventId, eventName, payload }));
}

/** Rows as they physically are, read as the table owner (below row-level security). */
async function rowsIn(plane: (typeof PLANES)[number]) {
  const { db } = await dbs.registry.get(plane);
  return db.select().from(outbox).orderBy(outbox.eventId);
}

async function allRows() {
  return (await Promise.all(PLANES.map(rowsIn))).flat();
}

async function row(eventId: string) {
  const found = (await allRows()).find((r) => r.eventId === eventId);
  if (!found) throw new Error(`no outbox row ${eventId}`);
  return found;
}

/**
 * Just after the latest creation time of the rows (PostgreSQL keeps microseconds, Date milliseconds):
 * runs at explicit moments from here make the backoff deterministic.
 */
async function latestCreatedAt(): Promise<number> {
  return Math.max(...(await allRows()).map((r) => r.createdAt.getTime())) + 1;
}

const idsOf = (events: OutboxEvent[]) => events.map((e) => e.id).sort();

beforeAll(async () => {
  dbs = await createTestDatabases(['bigcorp']);
  Object.assign(
    ids,
    await insertTestTenants(dbs.registry, [{ subdomain: 'acme' }, { subdomain: 'globex' }, { subdomain: 'bigcorp', dedicatedDatabase: 'bigcorp' }]),
  );
});

beforeEach(async () => {
  for (const plane of PLANES) await (await dbs.registry.get(plane)).db.delete(outbox);
});

afterAll(async () => dbs.cleanup());

describe('outbox relay', () => {
  it('publishes every row once, under its own event id, carrying its tenant, from every database', async () => {
    await write('acme', 'evt-acme-1', { orderId: 'o1' });
    await write('acme', 'evt-acme-2', { orderId: 'o2' });
    await write('globex', 'evt-globex-1', { orderId: 'o3' });
    await write('bigcorp', 'evt-bigcorp-1', { orderId: 'o4' });
    await write(null, 'evt-no-tenant', { note: 'tenancy disabled' });
    // bigcorp's row lives in its dedicated database, the others in the shared one.
    expect((await rowsIn('bigcorp')).map((r) => r.eventId)).toEqual(['evt-bigcorp-1']);

    const publisher = recordingPublisher();
    expect(await relayOutbox({ publisher })).toEqual({ published: 5, failed: 0 });

    expect(idsOf(publisher.events)).toEqual(['evt-acme-1', 'evt-acme-2', 'evt-bigcorp-1', 'evt-globex-1', 'evt-no-tenant']);
    const byId = new Map(publisher.events.map((e) => [e.id, e]));
    expect(byId.get('evt-acme-1')).toMatchObject({ name: 'test/happened', data: { tenantId: ids.acme, orderId: 'o1' } });
    // Each carries its tenant's workflow pool, decided as it is published: bigcorp is premium.
    expect(byId.get('evt-globex-1')?.data).toEqual({ tenantId: ids.globex, orderId: 'o3', pool: 'shared' });
    expect(byId.get('evt-bigcorp-1')?.data).toEqual({ tenantId: ids.bigcorp, orderId: 'o4', pool: 'premium' });
    expect(byId.get('evt-no-tenant')?.data).toEqual({ tenantId: null, note: 'tenancy disabled', pool: 'shared' });
    for (const r of await allRows()) {
      expect(r.publishedAt).not.toBeNull();
      expect(byId.get(r.eventId)?.ts).toBe(r.createdAt.getTime());
    }
  });

  it('does not send published rows again', async () => {
    await write('acme', 'evt-once');
    await relayOutbox({ publisher: recordingPublisher() });
    const again = recordingPublisher();
    expect(await relayOutbox({ publisher: again })).toEqual({ published: 0, failed: 0 });
    expect(again.events).toEqual([]);
  });

  it('the row’s tenant wins over a tenantId in the payload', async () => {
    await write('acme', 'evt-spoofed', { tenantId: ids.globex });
    const publisher = recordingPublisher();
    await relayOutbox({ publisher });
    expect(publisher.events[0]?.data.tenantId).toBe(ids.acme);
  });

  it('leaves rows unpublished with attempts and the error when publishing fails, and sends the same ids on a later run', async () => {
    await write('acme', 'evt-retry-a');
    await write('bigcorp', 'evt-retry-b');
    await write(null, 'evt-retry-c');
    const t0 = await latestCreatedAt();

    const down = recordingPublisher({ rejectWhen: () => 'Inngest API Error: 500 Internal server error' });
    expect(await relayOutbox({ publisher: down, now: new Date(t0) })).toEqual({ published: 0, failed: 3 });
    expect(down.events).toEqual([]);
    for (const r of await allRows()) {
      expect(r).toMatchObject({ publishedAt: null, attempts: 1, lastError: 'Inngest API Error: 500 Internal server error' });
    }

    // Backoff: a row that failed once is due again one second after it was written, not before.
    const up = recordingPublisher();
    expect(await relayOutbox({ publisher: up, now: new Date(t0 + 500) })).toEqual({ published: 0, failed: 0 });
    expect(await relayOutbox({ publisher: up, now: new Date(t0 + 1_000) })).toEqual({ published: 3, failed: 0 });
    expect(idsOf(up.events)).toEqual(['evt-retry-a', 'evt-retry-b', 'evt-retry-c']);
    for (const r of await allRows()) expect(r).toMatchObject({ attempts: 1, publishedAt: new Date(t0 + 1_000) });
  });

  it('sends an event whose acknowledgement was lost again, identical: same id, same time, same data', async () => {
    await write('globex', 'evt-lost-ack', { orderId: 'o9' });
    const t0 = await latestCreatedAt();
    const lost = recordingPublisher({ loseAcknowledgement: true });
    expect(await relayOutbox({ publisher: lost, now: new Date(t0) })).toEqual({ published: 0, failed: 1 });
    expect((await row('evt-lost-ack')).publishedAt).toBeNull();

    const up = recordingPublisher();
    await relayOutbox({ publisher: up, now: new Date(t0 + 60_000) });
    expect(up.events).toEqual(lost.events);
    expect(up.events[0]).toMatchObject({ id: 'evt-lost-ack', data: { tenantId: ids.globex, orderId: 'o9' } });
  });

  it('does not let one event the receiver refuses hold back the rest of its batch', async () => {
    for (const n of [1, 2, 3]) await write('acme', `evt-good-${n}`);
    await write('acme', 'evt-poison', {}, 'test/poison');
    const refusing = recordingPublisher({
      rejectWhen: (e) =>
        e.name === 'test/poison' ? `request to http://127.0.0.1:8288/e/evtkey-secret-1234 failed: ${'payload too large '.repeat(100)}` : undefined,
    });
    expect(await relayOutbox({ publisher: refusing })).toEqual({ published: 3, failed: 1 });
    expect(idsOf(refusing.events)).toEqual(['evt-good-1', 'evt-good-2', 'evt-good-3']);

    const poison = await row('evt-poison');
    expect(poison).toMatchObject({ publishedAt: null, attempts: 1 });
    expect(poison.lastError).not.toContain('evtkey-secret-1234');
    expect(poison.lastError!.length).toBeLessThanOrEqual(500);
    for (const n of [1, 2, 3]) expect((await row(`evt-good-${n}`)).attempts).toBe(0);
  });

  it('publishes each row exactly once when two relays run at the same time', async () => {
    const written: string[] = [];
    for (const [tenant, count] of [
      ['acme', 25],
      ['globex', 15],
      ['bigcorp', 20],
    ] as const) {
      for (let n = 0; n < count; n++) written.push(`evt-${tenant}-${String(n).padStart(2, '0')}`);
    }
    await Promise.all(written.map((eventId) => write(eventId.split('-')[1] as TenantName, eventId)));

    const first = recordingPublisher({ delayMs: 15 });
    const second = recordingPublisher({ delayMs: 15 });
    const [a, b] = await Promise.all([relayOutbox({ publisher: first, batchSize: 7 }), relayOutbox({ publisher: second, batchSize: 7 })]);

    const sent = [...first.events, ...second.events].map((e) => e.id);
    expect(sent.sort()).toEqual([...written].sort());
    expect(new Set(sent).size).toBe(written.length);
    expect(a.published + b.published).toBe(written.length);
    expect((await allRows()).every((r) => r.publishedAt !== null)).toBe(true);
  });

  it('keeps relaying in a long-running loop until stopped', async () => {
    const publisher = recordingPublisher();
    const loop = startOutboxRelayLoop({ publisher, intervalMs: 20 });
    try {
      await write('bigcorp', 'evt-loop-1');
      await write('acme', 'evt-loop-2');
      const deadline = Date.now() + 10_000;
      while (publisher.events.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await loop.stop();
    }
    expect(idsOf(publisher.events)).toEqual(['evt-loop-1', 'evt-loop-2']);
    const calls = publisher.calls;
    await write('acme', 'evt-after-stop');
    await new Promise((r) => setTimeout(r, 100));
    expect(publisher.calls).toBe(calls);
  });
});

const asApplicationRole = <T>(work: () => Promise<T>) => asApplicationRoleOn(dbs, PLANES, work);

describe('outbox relay under the production role (row-level security applies)', () => {
  it('still publishes every tenant’s rows, in every database, through the tenant context', async () => {
    await write('acme', 'evt-rls-acme');
    await write('bigcorp', 'evt-rls-bigcorp');
    await write(null, 'evt-rls-no-tenant');
    const publisher = recordingPublisher();

    const result = await asApplicationRole(() => relayOutbox({ publisher }));

    expect(result).toEqual({ published: 2, failed: 0 });
    expect(publisher.events.map((e) => [e.id, e.data.tenantId]).sort()).toEqual([
      ['evt-rls-acme', ids.acme],
      ['evt-rls-bigcorp', ids.bigcorp],
    ]);
    // A row without a tenant cannot be seen (nor written) under this role; an owner relay sends it.
    expect((await row('evt-rls-no-tenant')).publishedAt).toBeNull();
    expect(await relayOutbox({ publisher })).toEqual({ published: 1, failed: 0 });
    expect((await row('evt-rls-no-tenant')).publishedAt).not.toBeNull();
  });
});
