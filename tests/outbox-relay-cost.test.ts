import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, Database } from '@/db/client';
import { type ConnectionRegistry, getRegistry } from '@/db/connection-registry';
import * as schema from '@/db/schema';
import { outbox, tenants } from '@/db/schema';
import { recordingPublisher } from '@/lib/outbox/publisher';
import { relayOutbox } from '@/lib/outbox/relay';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { asApplicationRole as asApplicationRoleOn, createTestDatabases, insertTestTenants, platformDb, type TestDatabases } from './support/test-database';

/**
 * What one relay run costs, in statements sent to the databases, as the number of idle tenants grows:
 * it must not grow with them. A run publishes the same rows of three tenants (two on the shared
 * database, one on a dedicated one) with a few idle tenants and again with 2,000 more, some of which
 * have a history of published rows.
 */

let dbs: TestDatabases;
const ids = { acme: '', globex: '', bigcorp: '' };
const PLANES = ['default', 'bigcorp'] as const;
let statements = 0;
let written = 0;

/** Counts every statement the app sends through a connection's `db` (drizzle's query logger). */
async function countStatements(registry: ConnectionRegistry): Promise<void> {
  for (const plane of PLANES) {
    const connection: Connection = await registry.get(plane);
    const counted = counting.get(connection);
    if (counted) {
      connection.db = counted;
      continue;
    }
    const options = { schema, casing: 'snake_case' as const, logger: { logQuery: () => void statements++ } };
    const client = (connection.db as unknown as { $client: unknown }).$client;
    const db =
      connection.kind === 'pglite'
        ? (await import('drizzle-orm/pglite')).drizzle({ client: client as never, ...options })
        : (await import('drizzle-orm/postgres-js')).drizzle({ client: client as never, ...options });
    counting.set(connection, db as unknown as Database);
    connection.db = db as unknown as Database;
  }
}
const counting = new WeakMap<Connection, Database>();

const asApplicationRole = <T>(work: () => Promise<T>) => asApplicationRoleOn(dbs, PLANES, work);

const asOwner = <T>(work: () => Promise<T>) => work();

/** Two rows for each of the three active tenants, then one relay run: the statements that run sent. */
async function relayRun(): Promise<number> {
  for (const tenant of ['acme', 'globex', 'bigcorp'] as const) {
    const tenantId = ids[tenant];
    await withTenant(tenantId, (tx) =>
      tx.insert(outbox).values([0, 1].map(() => ({ tenantId, eventId: `evt-${++written}`, eventName: 'test/happened', payload: {} }))),
    );
  }
  await countStatements(getRegistry());
  statements = 0;
  const result = await relayOutbox({ publisher: recordingPublisher() });
  const sent = statements;
  expect(result).toEqual({ published: 6, failed: 0 });
  return sent;
}

/** 2,000 more tenants that have nothing to send; every fourth has rows published long ago. */
async function addIdleTenants(prefix: string): Promise<void> {
  const db = await platformDb(dbs.registry);
  const added = await db
    .insert(tenants)
    .values(Array.from({ length: 2_000 }, (_, n) => ({ subdomain: `${prefix}${n}`, name: `Idle ${n}`, fromEmailAddress: `info@${prefix}${n}.test` })))
    .returning({ id: tenants.id });
  const history = added.filter((_, n) => n % 4 === 0);
  await db
    .insert(outbox)
    .values(history.map(({ id }) => ({ tenantId: id, eventId: `old-${prefix}-${id}`, eventName: 'test/old', payload: {}, publishedAt: new Date() })));
}

beforeAll(async () => {
  dbs = await createTestDatabases(['bigcorp']);
  Object.assign(
    ids,
    await insertTestTenants(dbs.registry, [{ subdomain: 'acme' }, { subdomain: 'globex' }, { subdomain: 'bigcorp', dedicatedDatabase: 'bigcorp' }]),
  );
  await insertTestTenants(dbs.registry, [{ subdomain: 'idle-a' }, { subdomain: 'idle-b' }]);
}, 120_000);

afterAll(async () => dbs.cleanup());

describe('a relay run costs the same however many tenants are idle', () => {
  for (const [role, as, prefix] of [
    ['the production role (row-level security applies)', asApplicationRole, 'idle-app-'],
    ['an owner connection (no row-level security)', asOwner, 'idle-owner-'],
  ] as const) {
    it(`under ${role}`, async () => {
      await as(relayRun); // warms the tenant directory
      const before = await as(relayRun);
      await addIdleTenants(prefix);
      const after = await as(relayRun);
      expect(after).toBe(before);
      // A handful per database and per active tenant, nothing per idle one.
      expect(before).toBeLessThan(40);
    }, 120_000);
  }
});
