/**
 * Two `npm run outbox:relay` processes on one PostgreSQL database, sending to a stand-in for Inngest's
 * event API (support/relay-receiver.ts). Rows are written through the app's tenant transactions as a
 * steady stream; the leading relay is killed with SIGKILL halfway. Every row must reach the receiver, no
 * event id twice once deduplicated as Inngest does, the standby must take over, and every row must end
 * marked published. The raw re-sends (sent by the killed leader, not yet marked) are bounded by one batch.
 * Run as the database's owner (no row-level security), as a login role of the production role
 * `storefleet_app` (the relay visits the tenants with rows due one by one), and behind Debian's PgBouncer
 * in transaction pooling, where the leader lock and the LISTENs must go to the direct URL.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionRegistry, DEFAULT_CONNECTION, setRegistry } from '@/db/connection-registry';
import { migrateAll } from '@/db/migrate';
import { outbox, tenants } from '@/db/schema';
import { forgetAllTenants } from '@/lib/tenancy/tenant-directory';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { pgbouncerBinary, startPgBouncer, type PgBouncer } from './support/pgbouncer';
import { startEventReceiver, type EventReceiver } from './support/relay-receiver';
import { startRelayProcess, type RelayProcess } from './support/relay-processes';

const serverUrl = process.env.TEST_DATABASE_URL;
const BATCH_SIZE = 5;
const ROWS = 300;
const KILL_AFTER = 100;
const RECEIVER_PORT = 43100;
const PLANES = [DEFAULT_CONNECTION, 'bigcorp'] as const;

const name = `sf_relay_${randomBytes(4).toString('hex')}`;
const appLogin = `${name}_app`;
let admin: postgres.Sql;
let registry: ConnectionRegistry;
let databaseUrl: string;
const tenantIds: string[] = [];

function urlFor(user?: string): string {
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  if (user) {
    url.username = user;
    url.password = '';
  }
  return url.toString();
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function unpublished(): Promise<number> {
  let count = 0;
  for (const plane of PLANES) {
    const { db } = await registry.get(plane);
    count += (await db.select({ publishedAt: outbox.publishedAt }).from(outbox)).filter((row) => row.publishedAt === null).length;
  }
  return count;
}

interface Setup {
  /** The relays' DATABASE_URL user (default: the server URL's). */
  user?: string;
  /** Relays reach PostgreSQL through a transaction-pooling bouncer. */
  bouncer?: boolean;
}

function relayEnv(receiver: EventReceiver, url: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    TENANT_DATABASE_URLS: '{}',
    INNGEST_DEV: '1',
    INNGEST_BASE_URL: receiver.url,
    LOG_LEVEL: 'info',
    OUTBOX_RELAY_BATCH_SIZE: String(BATCH_SIZE),
    OUTBOX_RELAY_STANDBY_RETRY_MS: '500',
    OUTBOX_RELAY_LEADER_CHECK_MS: '1000',
  };
  for (const key of [
    'INNGEST_EVENT_KEY',
    'INNGEST_SIGNING_KEY',
    'INNGEST_EVENT_API_BASE_URL',
    'DATABASE_DIRECT_URL',
    'DATABASE_POOLING',
    'TENANT_DATABASE_DIRECT_URLS',
    'OUTBOX_RELAY_SWEEP_MS',
    'OUTBOX_RELAY_INTERVAL_MS',
  ])
    delete env[key];
  return env;
}

describe.skipIf(!serverUrl)('killing the relay leader mid-stream', () => {
  beforeAll(async () => {
    admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.unsafe(`create role ${appLogin} login in role storefleet_app`);
    databaseUrl = urlFor();
    registry = new ConnectionRegistry({ defaultUrl: databaseUrl, dedicatedUrls: {} });
    await setRegistry(registry);
    forgetAllTenants();
    await migrateAll(registry, ['bigcorp']);
    const { db } = await registry.get(DEFAULT_CONNECTION);
    const rows = await db
      .insert(tenants)
      .values([
        { subdomain: 'acme', name: 'Acme', fromEmailAddress: 'info@acme.test' },
        { subdomain: 'globex', name: 'Globex', fromEmailAddress: 'info@globex.test' },
        { subdomain: 'initech', name: 'Initech', fromEmailAddress: 'info@initech.test' },
        { subdomain: 'bigcorp', name: 'Bigcorp', fromEmailAddress: 'info@bigcorp.test', plan: 'premium', dedicatedDatabase: 'bigcorp' },
      ])
      .returning({ id: tenants.id });
    tenantIds.push(...rows.map((row) => row.id));
  });

  beforeEach(async () => {
    for (const plane of PLANES) await (await registry.get(plane)).db.delete(outbox);
  });

  afterAll(async () => {
    await registry?.closeAll();
    if (!admin) return;
    for (const db of [name, `${name}_bigcorp`]) await admin.unsafe(`drop database if exists ${db} with (force)`);
    await admin.unsafe(`drop role if exists ${appLogin}`);
    await admin.end({ timeout: 5 });
  });

  for (const [role, setup, port] of [
    ['as the owner', {}, RECEIVER_PORT],
    ['under the production role', { user: appLogin }, RECEIVER_PORT + 100],
    ['behind PgBouncer in transaction pooling', { bouncer: true }, RECEIVER_PORT + 200],
  ] as [string, Setup, number][]) {
    it.skipIf(setup.bouncer && !pgbouncerBinary())(`loses and duplicates nothing, ${role}`, async () => {
      const receiver = await startEventReceiver(port, 30);
      let bouncer: PgBouncer | undefined;
      const env = relayEnv(receiver, urlFor(setup.user));
      if (setup.bouncer) {
        bouncer = await startPgBouncer({
          serverUrl: urlFor(),
          poolMode: 'transaction',
          poolSize: 2,
          ports: Array.from({ length: 10 }, (_, i) => RECEIVER_PORT + 300 + i),
        });
        Object.assign(env, { DATABASE_URL: bouncer.through(urlFor()), DATABASE_DIRECT_URL: urlFor(), DATABASE_POOLING: 'transaction' });
      }
      const relays: RelayProcess[] = [startRelayProcess(`${role.replace(/\W+/g, '-')}-a`, env), startRelayProcess(`${role.replace(/\W+/g, '-')}-b`, env)];
      try {
        await until(() => relays.some((relay) => relay.ledAt.length > 0), 'a relay leads');
        const written: string[] = [];
        let leader: RelayProcess | undefined;
        for (let n = 0; n < ROWS; n++) {
          const tenantId = tenantIds[n % tenantIds.length]!;
          const eventId = `evt-${port}-${n}`;
          await withTenant(tenantId, (tx) => tx.insert(outbox).values({ tenantId, eventId, eventName: 'test/streamed', payload: { n } }));
          written.push(eventId);
          if (!leader && receiver.events.size >= KILL_AFTER) {
            leader = relays.find((relay) => relay.ledAt.length > 0)!;
            expect(
              relays.filter((relay) => relay.ledAt.length > 0).map((relay) => relay.name),
              'one relay led until now',
            ).toEqual([leader.name]);
            await leader.kill();
          }
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        expect(leader, 'the leader was killed mid-stream').toBeDefined();
        const standby = relays.find((relay) => relay !== leader)!;

        await until(async () => receiver.events.size >= written.length && (await unpublished()) === 0, 'every row is delivered and marked');
        expect(standby.ledAt.length, 'the standby took over').toBeGreaterThan(0);
        expect([...receiver.events.keys()].sort()).toEqual([...written].sort());
        const resent = receiver.raw - receiver.events.size;
        console.log(`${role}: ${written.length} rows, ${receiver.raw} deliveries, ${resent} re-sent under the same id`);
        // Only what the killed leader had sent but not marked (one batch) can come twice, and the engine drops it by id.
        expect(resent).toBeLessThanOrEqual(BATCH_SIZE);
        for (const event of receiver.events.values()) expect(tenantIds).toContain(event.data.tenantId);
      } finally {
        await Promise.all(relays.map((relay) => relay.stop()));
        await receiver.close();
        await bouncer?.stop();
      }
    });
  }
});
