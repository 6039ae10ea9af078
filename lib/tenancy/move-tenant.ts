import 'server-only';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { lockTenant } from '@/db/advisory-locks';
import type { Connection, Executor } from '@/db/client';
import { DEFAULT_CONNECTION, getRegistry, type ConnectionRegistry } from '@/db/connection-registry';
import { ensureDatabaseExists, migrateConnection } from '@/db/migrate';
import { rowsOf } from '@/db/rows';
import { outbox, tenantMoves, tenants, type Tenant } from '@/db/schema';
import { log } from '@/lib/log';
import { discoverPlaneTables, type PlaneTable } from './move-tenant/tables';
import { deleteTenantRows, syncTenantRows, utcSession, verifyTenantRows, type SyncStats, type TableVerification } from './move-tenant/sync';
import { forgetTenant } from './tenant-directory';

export interface MoveTenantOptions {
  /** Delete the tenant's rows from the shared database once switched. Default false: kept for a rollback. */
  deleteSource?: boolean;
  registry?: ConnectionRegistry;
  /** How long the final step waits for the tenant's running transactions before giving up (default 10 s). */
  lockTimeoutMs?: number;
  /** Test seams: called after the bulk copy, and inside the write freeze just before the switch. */
  hooks?: { afterBulkCopy?: () => unknown; beforeSwitch?: () => unknown };
}

export interface MoveTenantResult {
  moveId: string;
  from: string;
  to: string;
  /** True when the tenant already lived on the target: nothing was copied. */
  alreadyMoved: boolean;
  verification: Record<string, TableVerification>;
  bulk?: SyncStats;
  delta?: SyncStats;
  sourceDeleted: boolean;
}

type MoveRow = typeof tenantMoves.$inferSelect;

/**
 * Moves a tenant's plane from the shared database to the dedicated database `targetName` and points the
 * tenant at it. Only the mapping changes; no handler knows. Steps, each safe to repeat:
 * 1. record (or resume) a `tenant_moves` row; 2. create and migrate the target database;
 * 3. bulk-copy the tenant's rows (no lock: the shop keeps working);
 * 4. freeze the tenant's writes on the shared database (exclusive advisory lock, see withTenant), copy
 *    what changed meanwhile, verify counts and checksums per table, switch the mapping, then release:
 *    waiting transactions re-read the mapping and run on the dedicated database;
 * 5. mark the move `switched`; delete the source rows only with `deleteSource`.
 * A failure marks the move `failed` and leaves the tenant on the shared database; running again resumes.
 */
export async function moveTenantToDedicated(tenantId: string, targetName: string, options: MoveTenantOptions = {}): Promise<MoveTenantResult> {
  const registry = options.registry ?? getRegistry();
  if (targetName === DEFAULT_CONNECTION) throw new Error('The target must be a dedicated database, not the shared one');
  const platform = (await registry.get(DEFAULT_CONNECTION)).db;
  const [tenant] = await platform.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw new Error(`Unknown tenant ${tenantId}`);
  if (tenant.dedicatedDatabase === targetName) return alreadyMoved(registry, tenant, targetName, options);
  if (tenant.dedicatedDatabase)
    throw new Error(`Tenant ${tenant.subdomain} already lives on ${tenant.dedicatedDatabase}; only moves from the shared database are supported`);

  const move = await startOrResume(platform, tenantId, targetName);
  try {
    return await runMove(registry, tenant, move, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await platform.update(tenantMoves).set({ status: 'failed', error: message, finishedAt: new Date() }).where(eq(tenantMoves.id, move.id));
    log.error({ tenantId, to: targetName, moveId: move.id, err: error }, 'tenant move failed');
    throw error;
  }
}

async function startOrResume(platform: Executor, tenantId: string, targetName: string): Promise<MoveRow> {
  const [open] = await platform
    .select()
    .from(tenantMoves)
    .where(and(eq(tenantMoves.tenantId, tenantId), eq(tenantMoves.toConnection, targetName), ne(tenantMoves.status, 'switched')))
    .orderBy(desc(tenantMoves.startedAt))
    .limit(1);
  if (open) {
    const [resumed] = await platform
      .update(tenantMoves)
      .set({ status: 'copying', error: null, finishedAt: null })
      .where(eq(tenantMoves.id, open.id))
      .returning();
    log.info({ tenantId, to: targetName, moveId: open.id }, 'tenant move resumed');
    return resumed!;
  }
  const [created] = await platform.insert(tenantMoves).values({ tenantId, fromConnection: DEFAULT_CONNECTION, toConnection: targetName }).returning();
  return created!;
}

async function runMove(registry: ConnectionRegistry, tenant: Tenant, move: MoveRow, options: MoveTenantOptions): Promise<MoveTenantResult> {
  const source = await registry.get(move.fromConnection);
  await ensureDatabaseExists(registry, move.toConnection);
  const target = await registry.get(move.toConnection);
  await migrateConnection(target);
  await assertCanSeeTenantRows(source);
  await assertCanSeeTenantRows(target);
  const tables = await discoverPlaneTables(source.db);

  const bulk = await inTransactions(source, target, tenant.id, (s, t) => syncTenantRows(s, t, tables, tenant.id));
  log.info({ tenantId: tenant.id, moveId: move.id, ...bulk }, 'tenant move: bulk copy done');
  await options.hooks?.afterBulkCopy?.();
  await source.db.update(tenantMoves).set({ status: 'verifying' }).where(eq(tenantMoves.id, move.id));

  const { delta, verification } = await freezeCopyAndSwitch(source, target, tables, tenant, move, options);
  forgetTenant(tenant.id);
  log.info({ tenantId: tenant.id, moveId: move.id, ...delta }, 'tenant move: switched');

  if (options.deleteSource) await deleteSource(source, tables, tenant.id, options);
  return {
    moveId: move.id,
    from: move.fromConnection,
    to: move.toConnection,
    alreadyMoved: false,
    verification,
    bulk,
    delta,
    sourceDeleted: Boolean(options.deleteSource),
  };
}

/**
 * A role under row-level security that is not a member of storefleet_app sees no tenant rows at all, so
 * it would copy and verify nothing and then switch an empty plane. Refused before anything happens.
 */
async function assertCanSeeTenantRows(connection: Connection): Promise<void> {
  const result = await connection.db.execute(
    sql`select row_security_active('customers') as limited, pg_has_role(current_user, 'storefleet_app', 'member') as member`,
  );
  const [row] = rowsOf<{ limited: boolean; member: boolean }>(result);
  if (row?.limited && !row.member) {
    throw new Error(
      `The database role on ${connection.name} is subject to row-level security and not a member of storefleet_app: run tenant moves with the migration role (superuser or BYPASSRLS).`,
    );
  }
}

/**
 * Names the tenant being moved in the transaction. Row-level security is forced on tenant-plane tables
 * (migration 0013), so a mover connected as the tables' owner sees and writes this tenant's rows only;
 * as a superuser or BYPASSRLS role (the migrator) it is a no-op, and the queries filter by tenant anyway.
 */
async function pinTenant(tx: Executor, tenantId: string): Promise<void> {
  await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
}

/** Source and target transactions, both in UTC so rows hash alike; the target commits first. */
async function inTransactions<T>(source: Connection, target: Connection, tenantId: string, work: (s: Executor, t: Executor) => Promise<T>): Promise<T> {
  return source.db.transaction(async (s) => {
    await utcSession(s);
    await pinTenant(s, tenantId);
    return target.db.transaction(async (t) => {
      await utcSession(t);
      await pinTenant(t, tenantId);
      return work(s, t);
    });
  });
}

async function lockTenantWrites(tx: Executor, tenantId: string, timeoutMs: number): Promise<void> {
  await tx.execute(sql`select set_config('lock_timeout', ${`${timeoutMs}ms`}, true)`);
  // Waits for the tenant's running transactions; new ones queue behind this lock until commit.
  // The same namespace and key as the shared lock every tenant transaction takes (withTenant).
  await lockTenant(tx, 'tenantPlane', tenantId);
}

/** The write freeze: everything from the last copy to the switch happens under the tenant's exclusive lock. */
async function freezeCopyAndSwitch(source: Connection, target: Connection, tables: PlaneTable[], tenant: Tenant, move: MoveRow, options: MoveTenantOptions) {
  return source.db.transaction(async (s) => {
    await lockTenantWrites(s, tenant.id, options.lockTimeoutMs ?? 10_000);
    await utcSession(s);
    await pinTenant(s, tenant.id);
    const { delta, verification } = await target.db.transaction(async (t) => {
      await utcSession(t);
      await pinTenant(t, tenant.id);
      const delta = await syncTenantRows(s, t, tables, tenant.id);
      const verification = await verifyTenantRows(s, t, tables, tenant.id);
      const different = Object.entries(verification)
        .filter(([, v]) => !v.equal)
        .map(([name]) => name);
      if (different.length > 0) throw new Error(`Verification failed for ${different.join(', ')}`);
      return { delta, verification };
    });
    await options.hooks?.beforeSwitch?.();
    await s.update(tenants).set({ dedicatedDatabase: move.toConnection, updatedAt: new Date() }).where(eq(tenants.id, tenant.id));
    // The dedicated copy of the outbox is relayed from now on; the kept source rows must not be sent again.
    await s
      .update(outbox)
      .set({ publishedAt: new Date() })
      .where(and(eq(outbox.tenantId, tenant.id), sql`${outbox.publishedAt} is null`));
    await s
      .update(tenantMoves)
      .set({ status: 'switched', verification: verification as Record<string, unknown>, error: null, finishedAt: new Date() })
      .where(eq(tenantMoves.id, move.id));
    // This instance forgets the old mapping at once; the tenants trigger bumps the tenant's cache version in
    // this transaction, and every instance reads it (and starts following the new database) within a poll.
    forgetTenant(tenant.id);
    return { delta, verification };
  });
}

async function deleteSource(source: Connection, tables: PlaneTable[], tenantId: string, options: MoveTenantOptions): Promise<void> {
  await source.db.transaction(async (s) => {
    await lockTenantWrites(s, tenantId, options.lockTimeoutMs ?? 10_000);
    await pinTenant(s, tenantId);
    await deleteTenantRows(s, tables, tenantId);
  });
  log.info({ tenantId, connection: source.name }, 'tenant move: source rows deleted');
}

/** A rerun after the switch: nothing to copy; it may still delete the kept source rows. */
async function alreadyMoved(registry: ConnectionRegistry, tenant: Tenant, targetName: string, options: MoveTenantOptions): Promise<MoveTenantResult> {
  const platform = (await registry.get(DEFAULT_CONNECTION)).db;
  const [last] = await platform
    .select()
    .from(tenantMoves)
    .where(and(eq(tenantMoves.tenantId, tenant.id), eq(tenantMoves.toConnection, targetName), eq(tenantMoves.status, 'switched')))
    .orderBy(desc(tenantMoves.startedAt))
    .limit(1);
  if (!last) throw new Error(`Tenant ${tenant.subdomain} is mapped to ${targetName} but no completed move is recorded`);
  const from = last.fromConnection;
  if (options.deleteSource) await deleteSource(await registry.get(from), await discoverPlaneTables((await registry.get(from)).db), tenant.id, options);
  const verification = (last.verification ?? {}) as Record<string, TableVerification>;
  return { moveId: last.id, from, to: targetName, alreadyMoved: true, verification, sourceDeleted: Boolean(options.deleteSource) };
}
