import { inArray, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '@/db/client';
import { DEFAULT_CONNECTION, getRegistry } from '@/db/connection-registry';
import { dedicatedConnectionNames } from '@/db/migrate';
import { rowsOf } from '@/db/rows';
import { platformCustomers, platformOrders, platformReadModelState, tenants } from '@/db/schema';
import { log } from '@/lib/log';

/** The outbox events the read model is built from (written by triggers, migration 0018). */
export const PLATFORM_EVENTS = { order: 'platform/order.changed', customer: 'platform/customer.changed' } as const;

/** Rows claimed, projected and marked per transaction. */
const BATCH_SIZE = 200;
/** A busy database is drained in up to this many batches per run; the next run carries on. */
const MAX_BATCHES_PER_DATABASE = 50;

interface ClaimedRow {
  id: string;
  tenant_id: string | null;
  event_name: string;
  payload: Record<string, unknown>;
}

type OrderRow = typeof platformOrders.$inferInsert;
type CustomerRow = typeof platformCustomers.$inferInsert;

/**
 * Claims due `platform/…` rows through the SECURITY DEFINER function of the migration: one query per
 * batch whatever the number of tenants, under the production role too (row-level security would show a
 * plain query one tenant's rows at a time). The rows stay locked until `tx` ends; a concurrent projector
 * skips them, and the event relay never looks at them (they are written published).
 */
async function claim(tx: Transaction, batchSize: number): Promise<ClaimedRow[]> {
  return rowsOf<ClaimedRow>(await tx.execute(sql`select * from storefleet_claim_platform_events(${batchSize})`));
}

async function markProjected(tx: Transaction, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(sql`select storefleet_mark_platform_events_projected(${`{${ids.join(',')}}`}::uuid[])`);
}

/** Keeps the newest version per key: one upsert statement may not touch a row twice. */
function newestByKey<T extends { tenantId: string; version: number }>(rows: T[], key: (row: T) => string): T[] {
  const newest = new Map<string, T>();
  for (const row of rows) {
    const k = `${row.tenantId}:${key(row)}`;
    const seen = newest.get(k);
    if (!seen || seen.version < row.version) newest.set(k, row);
  }
  return [...newest.values()];
}

function toOrder(tenantId: string, p: Record<string, unknown>): OrderRow {
  return {
    tenantId,
    orderId: String(p.orderId),
    number: Number(p.number),
    status: String(p.status),
    customerId: String(p.customerId),
    grossCents: Number(p.grossCents),
    currency: String(p.currency),
    placedAt: new Date(String(p.placedAt)),
    version: Number(p.version),
  };
}

function toCustomer(tenantId: string, p: Record<string, unknown>): CustomerRow {
  return {
    tenantId,
    customerId: String(p.customerId),
    name: String(p.name),
    email: String(p.email),
    companyName: p.companyName == null ? null : String(p.companyName),
    status: String(p.status),
    createdAt: new Date(String(p.createdAt)),
    version: Number(p.version),
  };
}

/**
 * Upserts into the read model. An existing row is replaced only by a higher version, so an event that is
 * replayed, or projected after a newer one (two projectors, a retried batch), cannot take a row back;
 * the row lock of the conflicting row makes two projectors' upserts of one row compare in turn.
 */
async function upsert(db: Executor, orders: OrderRow[], customers: CustomerRow[]): Promise<void> {
  const newestOrders = newestByKey(orders as Array<OrderRow & { version: number }>, (o) => o.orderId);
  const newestCustomers = newestByKey(customers as Array<CustomerRow & { version: number }>, (c) => c.customerId);
  if (newestCustomers.length > 0) {
    await db
      .insert(platformCustomers)
      .values(newestCustomers)
      .onConflictDoUpdate({
        target: [platformCustomers.tenantId, platformCustomers.customerId],
        set: {
          name: sql`excluded.name`,
          email: sql`excluded.email`,
          companyName: sql`excluded.company_name`,
          status: sql`excluded.status`,
          createdAt: sql`excluded.created_at`,
          version: sql`excluded.version`,
          projectedAt: sql`now()`,
        },
        setWhere: sql`${platformCustomers.version} < excluded.version`,
      });
  }
  if (newestOrders.length > 0) {
    await db
      .insert(platformOrders)
      .values(newestOrders)
      .onConflictDoUpdate({
        target: [platformOrders.tenantId, platformOrders.orderId],
        set: {
          number: sql`excluded.number`,
          status: sql`excluded.status`,
          customerId: sql`excluded.customer_id`,
          grossCents: sql`excluded.gross_cents`,
          currency: sql`excluded.currency`,
          placedAt: sql`excluded.placed_at`,
          version: sql`excluded.version`,
          projectedAt: sql`now()`,
        },
        setWhere: sql`${platformOrders.version} < excluded.version`,
      });
  }
}

/**
 * One batch of one database. A row counts only when it comes from the database its tenant lives in now
 * (the tenants table of the default database says which): a dedicated database cannot put rows under
 * another shop's name, and the rows a move leaves behind in the shared database (the moved copies are
 * projected from the new one) cannot overwrite newer state. Such rows are marked and skipped.
 *
 * For the default database the upserts run in the claiming transaction (one atomic step; on PGlite the
 * only way, as it has one connection). For a dedicated one they go to the default database first and the
 * rows are marked after: a crash in between projects them again, which the versions make harmless.
 */
async function projectBatch(connectionName: string, tx: Transaction, platform: Executor): Promise<{ claimed: number; projected: number }> {
  const rows = await claim(tx, BATCH_SIZE);
  if (rows.length === 0) return { claimed: 0, projected: 0 };
  const tenantIds = [...new Set(rows.map((r) => r.tenant_id).filter((id): id is string => id !== null))];
  const homes =
    tenantIds.length === 0
      ? []
      : await platform
          .select({ id: tenants.id, plane: sql<string>`coalesce(${tenants.dedicatedDatabase}, ${DEFAULT_CONNECTION})` })
          .from(tenants)
          .where(inArray(tenants.id, tenantIds));
  const homeOf = new Map(homes.map((h) => [h.id, h.plane]));
  const orders: OrderRow[] = [];
  const customers: CustomerRow[] = [];
  let skipped = 0;
  for (const row of rows) {
    if (!row.tenant_id || homeOf.get(row.tenant_id) !== connectionName) {
      skipped++;
      continue;
    }
    if (row.event_name === PLATFORM_EVENTS.order) orders.push(toOrder(row.tenant_id, row.payload));
    else if (row.event_name === PLATFORM_EVENTS.customer) customers.push(toCustomer(row.tenant_id, row.payload));
    else skipped++;
  }
  if (skipped > 0) log.info({ connection: connectionName, skipped }, 'platform read model: rows of tenants that do not live in this database skipped');
  await upsert(platform, orders, customers);
  await markProjected(
    tx,
    rows.map((r) => r.id),
  );
  return { claimed: rows.length, projected: orders.length + customers.length };
}

async function projectDatabase(connectionName: string): Promise<number> {
  const registry = getRegistry();
  const source = await registry.get(connectionName);
  const platform = (await registry.get(DEFAULT_CONNECTION)).db;
  // Taken before the first claim: whatever was committed before this moment is projected once the run drains.
  const [start] = rowsOf<{ at: string | Date }>(await source.db.execute(sql`select clock_timestamp() as at`));
  let projected = 0;
  for (let i = 0; i < MAX_BATCHES_PER_DATABASE; i++) {
    const outcome = await source.db.transaction((tx) => projectBatch(connectionName, tx, connectionName === DEFAULT_CONNECTION ? tx : platform));
    projected += outcome.projected;
    if (outcome.claimed < BATCH_SIZE) {
      const caughtUpAt = new Date(start!.at);
      await platform
        .insert(platformReadModelState)
        .values({ connectionName, caughtUpAt })
        .onConflictDoUpdate({
          target: platformReadModelState.connectionName,
          set: { caughtUpAt },
          setWhere: sql`${platformReadModelState.caughtUpAt} < excluded.caught_up_at`,
        });
      break;
    }
  }
  return projected;
}

/**
 * Brings the platform read model up to date from the outbox of the default database and of every
 * dedicated one: one claim per batch per database, whatever the number of tenants. Safe to run from
 * several processes at once (rows are claimed FOR UPDATE SKIP LOCKED, upserts are ordered by version)
 * and to stop at any moment. One unreachable database does not stop the others; it is logged and its
 * "caught up" moment stays where it was, which the console shows.
 */
export async function projectPlatformReadModel(): Promise<{ projected: number }> {
  const registry = getRegistry();
  const names = [DEFAULT_CONNECTION, ...(await dedicatedConnectionNames(registry))];
  let projected = 0;
  const errors: unknown[] = [];
  for (const name of names) {
    try {
      projected += await projectDatabase(name);
    } catch (error) {
      errors.push(error);
      log.error({ connection: name, err: error }, 'platform read model: projecting a database failed');
    }
  }
  if (projected > 0) log.info({ projected }, 'platform read model projected');
  if (errors.length > 0) throw new AggregateError(errors, `platform read model: ${errors.length} database(s) failed; the others were projected`);
  return { projected };
}

export interface PlatformProjectorLoop {
  /** Runs a projection soon (coalesced with one in progress): call it after a write, or from a relay wake-up. */
  wake(): void;
  /** Resolves once the LISTEN is in place (true), or could not be set up or was not asked for (false). */
  listening: Promise<boolean>;
  /** Stops scheduling runs and resolves once the run in progress, if any, has finished. */
  stop(): Promise<void>;
}

/** NOTIFYed by the announcing triggers (migration 0018), once per writing transaction. */
const PLATFORM_READ_MODEL_CHANNEL = 'storefleet_platform_read_model';

/**
 * Keeps the read model current in a long-running process: a run now, again at once while runs find
 * work (a backlog drains at full speed), otherwise after `intervalMs`, or as soon as `wake()` is called or
 * the default database announces a change (LISTEN on `storefleet_platform_read_model`; changes in a
 * dedicated database are picked up by the interval). A failed run is logged and retried after the
 * interval. Needs no workflow engine and no Redis: it is how the embedded default keeps the console
 * current. Where the outbox relay's single leader runs, the leader calls `projectPlatformReadModel()`
 * after each relay pass instead (docs/platform-read-model.md).
 */
export function startPlatformProjector(
  options: { intervalMs?: number; listen?: boolean; onRun?: (result: { projected: number } | { error: unknown }) => void } = {},
): PlatformProjectorLoop {
  const intervalMs = options.intervalMs ?? 2_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let wokenWhileRunning = false;

  const schedule = (delayMs: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = runOnce().finally(() => {
        running = undefined;
      });
    }, delayMs);
    timer.unref?.();
  };

  const runOnce = async () => {
    wokenWhileRunning = false;
    try {
      const result = await projectPlatformReadModel();
      options.onRun?.(result);
      schedule(result.projected > 0 || wokenWhileRunning ? 0 : intervalMs);
    } catch (error) {
      log.error({ err: error }, 'platform read model run failed');
      options.onRun?.({ error });
      schedule(intervalMs);
    }
  };

  const wake = () => {
    if (stopped) return;
    if (running) wokenWhileRunning = true;
    else schedule(0);
  };

  let unlisten: Promise<(() => Promise<void>) | undefined> = Promise.resolve(undefined);
  if (options.listen !== false) {
    unlisten = getRegistry()
      .get(DEFAULT_CONNECTION)
      .then((connection) => connection.listen(PLATFORM_READ_MODEL_CHANNEL, wake))
      .catch((error: unknown) => {
        log.warn({ err: error }, 'platform read model: cannot listen for changes; projecting on the interval only');
        return undefined;
      });
  }

  schedule(0);
  return {
    wake,
    listening: unlisten.then((u) => u !== undefined),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await (await unlisten)?.().catch(() => undefined);
      await running;
    },
  };
}

const inProcessKey = Symbol.for('storefleet.platformProjector');
type GlobalWithProjector = typeof globalThis & { [inProcessKey]?: PlatformProjectorLoop };

/**
 * Starts the projector in the app server unless `PLATFORM_PROJECTOR_IN_PROCESS=0` (a deployment whose
 * relay leader projects, or that runs it elsewhere); `PLATFORM_PROJECTOR_INTERVAL_MS` (default 2000)
 * is its pause when idle. Once per process (hot reloads included). Answers the loop, or null when off.
 */
export function startPlatformProjectorInProcess(env: Record<string, string | undefined> = process.env): PlatformProjectorLoop | null {
  if (env.PLATFORM_PROJECTOR_IN_PROCESS === '0') return null;
  const g = globalThis as GlobalWithProjector;
  g[inProcessKey] ??= startPlatformProjector({ intervalMs: Number(env.PLATFORM_PROJECTOR_INTERVAL_MS) || 2_000 });
  return g[inProcessKey];
}
