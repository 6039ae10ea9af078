import { and, asc, inArray, isNull, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { outbox, type OutboxEntry } from '@/db/schema';
import { describePublishError } from './publish-error';
import type { TenantPools } from '@/inngest/tenant-pools';
import type { EventPublisher, OutboxEvent } from './publisher';

export interface BatchSettings {
  publisher: EventPublisher;
  batchSize: number;
  /** The moment to act at; undefined: the database's clock, so the app's clock can never hold rows back. */
  now: Date | undefined;
  /** A publish that has not answered by then counts as failed (its outcome is unknown: sent again later). */
  publishTimeoutMs: number;
  /**
   * The workflow pool of the batch's tenants, read once the batch is claimed (inside its transaction):
   * stamped on every event as `data.pool`. Only the batch's tenants are read, however many there are.
   */
  poolsFor: (tx: Transaction, tenantIds: (string | null)[]) => Promise<TenantPools>;
}

export interface BatchOutcome {
  claimed: number;
  published: number;
  failed: number;
}

/**
 * Seconds after `created_at` at which a row that has failed `attempts` times is tried again: the sum of
 * min(2^k, 300) over the attempts made, i.e. 1 s, 3 s, 7 s, … 511 s, then every 5 minutes. Derived from
 * columns the row already has, so there is no "last attempt" column to keep. A failing row thus stops
 * being claimed on every run and cannot hold back the rows behind it.
 */
export function retryDelaySeconds(attempts: number): number {
  return attempts < 9 ? 2 ** attempts - 1 : 511 + 300 * (attempts - 9);
}

const retryDelaySql = sql`(case when ${outbox.attempts} < 9 then power(2, ${outbox.attempts}) - 1 else 511 + 300 * (${outbox.attempts} - 9) end)`;

const momentSql = (now: Date | undefined) => (now ? sql`${now.toISOString()}::timestamptz` : sql`clock_timestamp()`);

/**
 * Locks up to `batchSize` due, unpublished rows, oldest first. SKIP LOCKED lets concurrent relays take
 * disjoint rows instead of waiting for each other; the locks are held until the caller's transaction ends,
 * i.e. until the rows are marked, so no other relay can send them meanwhile.
 */
function claimDueRows(tx: Transaction, batchSize: number, now: Date | undefined): Promise<OutboxEntry[]> {
  const due = sql`${outbox.createdAt} + make_interval(secs => ${retryDelaySql}) <= ${momentSql(now)}`;
  return tx
    .select()
    .from(outbox)
    .where(and(isNull(outbox.publishedAt), due))
    .orderBy(asc(outbox.createdAt), asc(outbox.id))
    .limit(batchSize)
    .for('update', { skipLocked: true });
}

/**
 * A row as the event to publish. The row's tenant (checked by row-level security when it was written) wins
 * over anything in the payload. The pool is decided now, not when the row was written: a row queued before
 * a tenant moved follows the move. A `pool` the payload names is kept when it is configured, for an event
 * that continues work already running in that pool (inngest/pools.ts, docs/workflow-pools.md).
 */
function toEvent(row: OutboxEntry, pools: TenantPools): OutboxEvent {
  const pool = pools.poolOf(row.tenantId, row.payload.pool);
  return { id: row.eventId, name: row.eventName, data: { ...row.payload, tenantId: row.tenantId, pool }, ts: row.createdAt.getTime() };
}

async function publishWithin(publisher: EventPublisher, events: OutboxEvent[], timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`publish did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([publisher.publish(events), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Publishes the rows; answers the error text of each row that failed (none: all published). */
async function publishRows(rows: OutboxEntry[], pools: TenantPools, settings: BatchSettings): Promise<Map<string, string>> {
  const failures = new Map<string, string>();
  try {
    await publishWithin(
      settings.publisher,
      rows.map((row) => toEvent(row, pools)),
      settings.publishTimeoutMs,
    );
    return failures;
  } catch (error) {
    if (rows.length === 1) return failures.set(rows[0]!.id, describePublishError(error));
  }
  // The receiver refuses a whole batch for one bad event (too large, invalid): send each alone so one bad
  // row cannot hold back the rest. Concurrently, so an unreachable engine costs one more round, not n.
  const results = await Promise.allSettled(rows.map((row) => publishWithin(settings.publisher, [toEvent(row, pools)], settings.publishTimeoutMs)));
  results.forEach((result, i) => {
    if (result.status === 'rejected') failures.set(rows[i]!.id, describePublishError(result.reason));
  });
  return failures;
}

/**
 * Claims, publishes and marks one batch inside the caller's transaction. A row is marked published only
 * after its publish resolved; if anything fails after that (the mark, the commit, the process), the row
 * stays unpublished and is sent again under the same event id, which the receiver deduplicates.
 *
 * The publisher runs while the rows are locked, inside the transaction. On PGlite (one connection per
 * database) that transaction holds the whole database for the publish, so a publisher must never wait for
 * work that queries the same database, such as running the triggered function inline.
 */
export async function relayBatch(tx: Transaction, settings: BatchSettings): Promise<BatchOutcome> {
  const rows = await claimDueRows(tx, settings.batchSize, settings.now);
  if (rows.length === 0) return { claimed: 0, published: 0, failed: 0 };
  const pools = await settings.poolsFor(
    tx,
    rows.map((row) => row.tenantId),
  );
  const failures = await publishRows(rows, pools, settings);
  const publishedIds = rows.filter((row) => !failures.has(row.id)).map((row) => row.id);
  if (publishedIds.length > 0) {
    await tx
      .update(outbox)
      .set({ publishedAt: momentSql(settings.now) })
      .where(inArray(outbox.id, publishedIds));
  }
  const byError = new Map<string, string[]>();
  for (const [id, message] of failures) byError.set(message, [...(byError.get(message) ?? []), id]);
  for (const [message, ids] of byError) {
    await tx
      .update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1`, lastError: message })
      .where(inArray(outbox.id, ids));
  }
  return { claimed: rows.length, published: publishedIds.length, failed: failures.size };
}
