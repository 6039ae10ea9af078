import { sql } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { DEFAULT_CONNECTION, getRegistry, type ConnectionRegistry } from '@/db/connection-registry';
import { dedicatedConnectionNames } from '@/db/migrate';
import { rowsOf } from '@/db/rows';
import { workflowPoolConfig } from '@/inngest/pools';
import { loadTenantPools } from '@/inngest/tenant-pools';
import { log } from '@/lib/log';
import { withTenant } from '@/lib/tenancy/with-tenant';
import type { EventPublisher } from './publisher';
import { relayBatch, type BatchOutcome, type BatchSettings } from './relay-batch';

export interface RelayOptions {
  publisher: EventPublisher;
  /** Rows per claim, publish and mark (one transaction, one publish call). */
  batchSize?: number;
  /**
   * The moment the run acts at: which rows are due (backoff), and the `published_at` it writes. Default:
   * the database's clock, which also stamped `created_at`, so clock skew cannot delay fresh rows.
   */
  now?: Date;
  publishTimeoutMs?: number;
  /**
   * Asked before every batch and every tenant: false ends the run there. The leader loop passes "still
   * the leader" (lib/outbox/relay-loop.ts), so a relay that lost its lock stops relaying. Default: always.
   */
  shouldContinue?: () => boolean;
  /** The databases to relay, when the caller has just read them (relayPlanes); default: read them now. */
  planes?: string[];
}

export interface RelayResult {
  published: number;
  failed: number;
}

/** A busy database is drained in up to this many batches per run; the next run carries on. */
const MAX_BATCHES_PER_PLANE = 50;

type InTransaction = <T>(work: (tx: Transaction) => Promise<T>) => Promise<T>;

/** Relays one plane batch after batch until it is empty, a batch had a failure, or the cap is reached. */
async function drain(inTransaction: InTransaction, settings: BatchSettings, shouldContinue: () => boolean): Promise<RelayResult> {
  const total = { published: 0, failed: 0 };
  for (let i = 0; i < MAX_BATCHES_PER_PLANE && shouldContinue(); i++) {
    const outcome: BatchOutcome = await inTransaction((tx) => relayBatch(tx, settings));
    total.published += outcome.published;
    total.failed += outcome.failed;
    // Failed rows may still be due at `now`: stop rather than claim them again within this run.
    if (outcome.claimed < settings.batchSize || outcome.failed > 0) break;
  }
  return total;
}

/** True when this connection's role is subject to row-level security on the outbox (see below). */
async function rowSecurityApplies(db: Database): Promise<boolean> {
  const [row] = rowsOf<{ active: boolean }>(await db.execute(sql`select row_security_active('outbox') as active`));
  return row?.active === true;
}

/** The default database and every dedicated tenant database: where outbox rows can be. */
export async function relayPlanes(registry: ConnectionRegistry = getRegistry()): Promise<string[]> {
  return [DEFAULT_CONNECTION, ...(await dedicatedConnectionNames(registry))];
}

/**
 * The tenants with rows due on this database, for a connection under row-level security: one statement
 * over the unpublished rows' partial index, through a function that runs as its owner (migration 0018,
 * `outbox_due_tenants`). Idle tenants cost nothing here.
 */
async function dueTenants(db: Database, now: Date | undefined): Promise<string[]> {
  const moment = now ? now.toISOString() : null;
  const rows = rowsOf<{ id: string }>(await db.execute(sql`select t as id from outbox_due_tenants(${moment}::timestamptz) as t`));
  return rows.map((row) => row.id);
}

/**
 * Publishes every unpublished outbox row of the default database and of every dedicated tenant database,
 * marking each published once its publish resolved. Safe to run from several processes at once (rows are
 * claimed with FOR UPDATE SKIP LOCKED, so each is sent by one relay) and to stop at any moment (a row sent
 * but not yet marked is sent again under the same event id). Failed rows keep `attempts` and `last_error`
 * and are retried with backoff (see `retryDelaySeconds`).
 *
 * Why not `withTenant`: the relay is a platform process, not a request of one tenant. With the migration
 * role it claims due rows of all tenants, and those without a tenant, with one query per database, however many
 * tenants there are; `withTenant` would confine each transaction to one tenant and cost a transaction per
 * tenant per sweep. So on a connection whose role is not subject to row-level security (superuser or
 * BYPASSRLS: development, tests, a relay deployed with the migration role; since migration 0013 the
 * tables' owner is subject to it too) it reads the outbox directly.
 *
 * Under the production role (a member of `storefleet_app`, neither owner nor superuser; see docs/architecture.md)
 * row-level security hides every row without `app.tenant_id`. The relay detects this per database, asks
 * that database once which tenants have rows due (`outbox_due_tenants`, a SECURITY DEFINER function that
 * answers tenant ids only) and goes through `withTenant` for those tenants alone: one short transaction
 * per tenant with work, none for the idle ones, so a run costs the same at 50 or 50,000 tenants. Rows
 * without a tenant stay invisible there, as they cannot be written under that role either
 * (lib/payments/webhook-storage.ts).
 *
 * The workflow pools are read per batch, for the batch's tenants only (inngest/tenant-pools.ts).
 */
export async function relayOutbox(options: RelayOptions): Promise<RelayResult> {
  const poolConfig = workflowPoolConfig();
  const base = {
    publisher: options.publisher,
    batchSize: options.batchSize ?? 100,
    now: options.now,
    publishTimeoutMs: options.publishTimeoutMs ?? 15_000,
  };
  if (!Number.isInteger(base.batchSize) || base.batchSize < 1) throw new Error('batchSize must be a positive whole number');
  const shouldContinue = options.shouldContinue ?? (() => true);
  const registry = getRegistry();
  const total: RelayResult = { published: 0, failed: 0 };
  const errors: unknown[] = [];
  const add = (result: RelayResult) => {
    total.published += result.published;
    total.failed += result.failed;
  };
  // One unreachable database must not stop the others: each plane is relayed on its own.
  const attempt = async (plane: Record<string, string>, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      errors.push(error);
      log.error({ ...plane, err: error }, 'outbox relay failed for a database');
    }
  };

  const dueUnderRowSecurity = new Set<string>();
  for (const name of options.planes ?? (await relayPlanes(registry))) {
    if (!shouldContinue()) break;
    await attempt({ connection: name }, async () => {
      const { db } = await registry.get(name);
      if (await rowSecurityApplies(db)) {
        for (const tenantId of await dueTenants(db, base.now)) dueUnderRowSecurity.add(tenantId);
        return;
      }
      // The default database holds `tenants`: read it inside the batch's transaction (on PGlite, its one
      // connection); a dedicated database reads it from the default one.
      const poolsFor: BatchSettings['poolsFor'] = (tx, tenantIds) =>
        loadTenantPools(poolConfig, { tenantIds, db: name === DEFAULT_CONNECTION ? tx : undefined });
      add(await drain((work) => db.transaction(work), { ...base, poolsFor }, shouldContinue));
    });
  }
  for (const tenantId of dueUnderRowSecurity) {
    if (!shouldContinue()) break;
    await attempt({ tenantId }, async () => {
      // Outside any transaction, before withTenant opens one (PGlite: one connection per database).
      const pools = await loadTenantPools(poolConfig, { tenantIds: [tenantId] });
      add(await drain((work) => withTenant(tenantId, work), { ...base, poolsFor: async () => pools }, shouldContinue));
    });
  }

  if (total.published > 0 || total.failed > 0) log.info(total, 'outbox relayed');
  if (errors.length > 0) throw new AggregateError(errors, `outbox relay failed for ${errors.length} database(s); the others were relayed`);
  return total;
}
