import { sql } from 'drizzle-orm';
import type { Executor } from './client';

/**
 * The one home of the application's advisory locks. Every lock uses PostgreSQL's two-key form
 * `pg_advisory_xact_lock(namespace int4, key int4)`: the first key names what is locked (a kind, below),
 * the second which one (a tenant). Locks of different kinds therefore never share a key, whatever their
 * keys hash to; before, every lock was `hashtext(<some text>)` in one 32-bit space, so a price edit of
 * one shop could make another shop's transactions wait. (The two-key form is also a different key space
 * from the one-key `bigint` form other software on the same server may use.)
 *
 * Within a namespace the key is `hashtext(<tenant uuid>)`. Two tenants may still share a key there
 * (about n²/2³³ pairs among n tenants, 0.3 at 50,000); that costs a short wait, never correctness, because every lock
 * only serialises.
 *
 * The values are fixed: instances of different versions running side by side must agree on them.
 * They start with "SF" (0x5346) so they stand out in `pg_locks.classid`.
 */
export const LOCK_NAMESPACES = {
  /** A tenant's plane on the shared database: shared by every tenant transaction, exclusive for a move (lib/tenancy). */
  tenantPlane: 0x5346_0001,
  /** A shop's price overrides, so two overlapping windows cannot both pass the overlap check. */
  tenantPrices: 0x5346_0002,
  /** The shared catalog's writers (import, bulk price change, article form): one lock, key 0. */
  catalog: 0x5346_0003,
  /**
   * The active outbox relay: one session-level lock, key 0, held for as long as a relay leads, on a
   * connection of its own (lib/outbox/relay-leader.ts). Not a transaction lock like the others.
   */
  outboxRelay: 0x5346_0004,
  /** A shop's stored catalog summary, so that one instance recomputes it after a change and the others read it (lib/catalog). */
  catalogSummary: 0x5346_0010,
  /**
   * Migrations of one database: a session lock, key 0, held in the migrated database itself for the whole
   * run (db/migrate.ts), so two deploys migrating at once take turns per database.
   */
  migrations: 0x5346_0011,
} as const;

export type LockKind = keyof typeof LOCK_NAMESPACES;

export type LockMode = 'exclusive' | 'shared';

/**
 * Takes the transaction-scoped lock of `kind` on one tenant, waiting for it (subject to the
 * transaction's `lock_timeout`). Released at commit or rollback. Shared holders of the same lock do not
 * wait for each other; an exclusive holder waits for all of them, and they for it.
 */
export async function lockTenant(tx: Executor, kind: LockKind, tenantId: string, mode: LockMode = 'exclusive'): Promise<void> {
  const namespace = LOCK_NAMESPACES[kind];
  await tx.execute(
    mode === 'shared'
      ? sql`select pg_advisory_xact_lock_shared(${namespace}::int4, hashtext(${tenantId}))`
      : sql`select pg_advisory_xact_lock(${namespace}::int4, hashtext(${tenantId}))`,
  );
}

/** Takes the one platform-wide, transaction-scoped lock of `kind` (key 0 in its namespace), exclusively. */
export async function lockPlatform(tx: Executor, kind: LockKind): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_NAMESPACES[kind]}::int4, 0)`);
}
