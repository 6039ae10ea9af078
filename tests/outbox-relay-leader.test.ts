import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONNECTION } from '@/db/connection-registry';
import { LOCK_NAMESPACES } from '@/db/advisory-locks';
import { outbox } from '@/db/schema';
import { recordingPublisher, type RecordingPublisher } from '@/lib/outbox/publisher';
import { RELAY_LOCK_APPLICATION_NAME } from '@/lib/outbox/relay-leader';
import { relayLoopSettingsFromEnv, startOutboxRelayLoop, type RelayLoop, type RelayLoopOptions } from '@/lib/outbox/relay-loop';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { createTestDatabases, insertTestTenants, type TestDatabases } from './support/test-database';

/**
 * The relay loop as every app server and `npm run outbox:relay` run it: one leader among them, woken by
 * the write. The sweep is set to an hour here, so anything relayed within the test was woken by its
 * write, not found by a timer.
 */

let dbs: TestDatabases;
const ids = { acme: '', bigcorp: '' };
const loops: RelayLoop[] = [];
const HOUR = 3_600_000;

async function write(tenant: keyof typeof ids, eventId: string) {
  const tenantId = ids[tenant];
  await withTenant(tenantId, (tx) => tx.insert(outbox).values({ tenantId, eventId, eventName: 'test/happened', payload: {} }));
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A relay loop as the app starts one, sweeping only hourly and standing by for 100 ms between tries. */
async function startLoop(publisher: RecordingPublisher, options: Partial<RelayLoopOptions> = {}): Promise<RelayLoop> {
  const loop = startOutboxRelayLoop({ publisher, intervalMs: HOUR, standbyRetryMs: 100, leaderCheckMs: 500, ...options });
  loops.push(loop);
  return loop;
}

async function unpublished(plane: string): Promise<number> {
  const { db } = await dbs.registry.get(plane);
  return (await db.select().from(outbox)).filter((row) => row.publishedAt === null).length;
}

beforeAll(async () => {
  dbs = await createTestDatabases(['bigcorp']);
  Object.assign(ids, await insertTestTenants(dbs.registry, [{ subdomain: 'acme' }, { subdomain: 'bigcorp', dedicatedDatabase: 'bigcorp' }]));
});

beforeEach(async () => {
  for (const plane of [DEFAULT_CONNECTION, 'bigcorp']) await (await dbs.registry.get(plane)).db.delete(outbox);
});

afterEach(async () => {
  await Promise.all(loops.splice(0).map((loop) => loop.stop()));
});

afterAll(async () => dbs.cleanup());

describe('outbox relay loop', () => {
  it('is woken by a commit on the shared and on a dedicated database, with no timer due', async () => {
    const publisher = recordingPublisher();
    let runs = 0;
    const loop = await startLoop(publisher, { onRun: () => void runs++ });
    await until(() => loop.isLeader() && runs > 0, 'the only relay leads and its first run is over');
    // Whatever is relayed from here on was woken: the next sweep is an hour away.

    await write('acme', 'evt-woken-shared');
    await until(() => publisher.events.length >= 1, 'the shared database’s row is relayed');
    await write('bigcorp', 'evt-woken-dedicated');
    await until(() => publisher.events.length >= 2, 'the dedicated database’s row is relayed');

    expect(publisher.events.map((e) => e.id).sort()).toEqual(['evt-woken-dedicated', 'evt-woken-shared']);
    expect(await unpublished(DEFAULT_CONNECTION)).toBe(0);
    expect(await unpublished('bigcorp')).toBe(0);
  });

  it('drains a backlog written in one go at once, not a batch per wake-up', async () => {
    const publisher = recordingPublisher();
    const loop = await startLoop(publisher, { batchSize: 5 });
    await until(() => loop.isLeader(), 'the only relay leads');
    const tenantId = ids.acme;
    await withTenant(tenantId, (tx) =>
      tx.insert(outbox).values(Array.from({ length: 42 }, (_, n) => ({ tenantId, eventId: `evt-backlog-${n}`, eventName: 'test/happened', payload: {} }))),
    );
    await until(() => publisher.events.length >= 42, 'the whole backlog is relayed');
    expect(new Set(publisher.events.map((e) => e.id)).size).toBe(42);
    expect(await unpublished(DEFAULT_CONNECTION)).toBe(0);
  });
});

describe('one leader among several relays', () => {
  it('on the embedded database the one process leads', async () => {
    if (dbs.kind !== 'pglite') return;
    const loop = await startLoop(recordingPublisher());
    await until(() => loop.isLeader(), 'it leads');
  });

  it('on PostgreSQL exactly one relays; when its lock session dies it stops, and one relay leads again', async () => {
    if (dbs.kind !== 'postgres') return;
    const publishers = [recordingPublisher(), recordingPublisher()];
    const stepsDown = [0, 0];
    const relays = await Promise.all(publishers.map((publisher, i) => startLoop(publisher, { onLeadership: (leading) => void (leading || stepsDown[i]!++) })));
    const leaders = () => relays.map((relay, i) => (relay.isLeader() ? i : -1)).filter((i) => i >= 0);
    await until(() => leaders().length > 0, 'one of them leads');
    // The other tries every 100 ms: give it many chances to wrongly lead as well.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(leaders()).toHaveLength(1);
    const first = leaders()[0]!;

    for (let n = 0; n < 6; n++) await write(n % 2 ? 'acme' : 'bigcorp', `evt-before-${n}`);
    await until(() => publishers[first]!.events.length >= 6, 'the leader relays');
    expect(publishers[1 - first]!.events).toEqual([]);

    // Cut the leader's lock session on the server, as a lost connection or a dead process would.
    const admin = postgres(dbs.registry.directUrlFor(DEFAULT_CONNECTION), { max: 1, onnotice: () => {} });
    try {
      const killed = await admin`select pg_terminate_backend(l.pid) as done from pg_locks l join pg_stat_activity s on s.pid = l.pid
        where l.locktype = 'advisory' and l.classid = ${LOCK_NAMESPACES.outboxRelay}::int4::oid and l.objid = 0 and l.granted
          and s.application_name = ${RELAY_LOCK_APPLICATION_NAME} and s.datname = current_database()`;
      expect(killed).toHaveLength(1);
    } finally {
      await admin.end({ timeout: 5 });
    }
    await until(() => stepsDown[first]! > 0, 'the leader notices it lost its lock');
    await until(() => leaders().length > 0, 'a relay leads again');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(leaders()).toHaveLength(1);
    const next = leaders()[0]!;

    const sentAfter = (i: number) => publishers[i]!.events.filter((e) => e.id.startsWith('evt-after-'));
    for (let n = 0; n < 6; n++) await write(n % 2 ? 'acme' : 'bigcorp', `evt-after-${n}`);
    await until(() => sentAfter(next).length >= 6, 'the leader relays');
    expect(sentAfter(1 - next)).toEqual([]);
    expect(await unpublished(DEFAULT_CONNECTION)).toBe(0);
    expect(await unpublished('bigcorp')).toBe(0);
  });
});

describe('relay loop settings', () => {
  it('sweeps every 30 s by default, reads the former polling interval as the sweep, and refuses what it cannot use', () => {
    expect(relayLoopSettingsFromEnv({})).toEqual({ intervalMs: 30_000, standbyRetryMs: 2_000, leaderCheckMs: 5_000, batchSize: 100 });
    expect(relayLoopSettingsFromEnv({ OUTBOX_RELAY_INTERVAL_MS: '1000' }).intervalMs).toBe(1_000);
    expect(relayLoopSettingsFromEnv({ OUTBOX_RELAY_INTERVAL_MS: '1000', OUTBOX_RELAY_SWEEP_MS: '60000' }).intervalMs).toBe(60_000);
    expect(() => relayLoopSettingsFromEnv({ OUTBOX_RELAY_STANDBY_RETRY_MS: '2s' })).toThrow('OUTBOX_RELAY_STANDBY_RETRY_MS must be a positive whole number');
  });
});
