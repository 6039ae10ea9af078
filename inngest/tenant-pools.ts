import { and, inArray, isNotNull, or } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { platformDb } from '@/db/connection-registry';
import { tenants } from '@/db/schema';
import { DEFAULT_POOL, poolForTenant, workflowPoolConfig, type Plan, type WorkflowPoolConfig } from './pools';

/** Which pool each tenant's events go to, as the database and the configuration say right now. */
export interface TenantPools {
  /**
   * The pool to stamp on an event of `tenantId`: `pinned` when it names a configured pool (an event that
   * continues work already running in that pool), else the tenant's current pool; `shared` for an event
   * without a tenant or of a tenant outside the snapshot (every tenant in `shared`).
   */
  poolOf(tenantId: string | null, pinned?: unknown): string;
}

export interface TenantPoolScope {
  /**
   * Only these tenants (the ones of a batch about to be published): the read then costs what the batch
   * holds, not what the platform holds. Tenants outside it answer `shared`. Default: every tenant.
   */
  tenantIds?: readonly (string | null)[];
  /** Where the `tenants` table is read; default the platform database. */
  db?: Executor;
}

/**
 * A snapshot of the tenant → pool mapping, taken by the outbox relay for each batch it publishes. Reading
 * the table then is what makes a plan change or a console override count for the next event published,
 * with no cache to invalidate. Only tenants that can be outside `shared` are read: those with an override
 * and those whose plan has a pool of its own, and of those only `scope.tenantIds` when given. On PGlite
 * (one connection per database) a relay inside a transaction on the default database must pass that
 * transaction as `scope.db`: a query beside it would wait for it forever.
 */
export async function loadTenantPools(config: WorkflowPoolConfig = workflowPoolConfig(), scope: TenantPoolScope = {}): Promise<TenantPools> {
  const plansWithPool = (Object.entries(config.planPools) as [Plan, string][]).filter(([, pool]) => pool !== DEFAULT_POOL).map(([plan]) => plan);
  const ids = scope.tenantIds && [...new Set(scope.tenantIds.filter((id): id is string => id !== null))];
  const byTenant = new Map<string, string>();
  if (!ids || ids.length > 0) {
    const db = scope.db ?? (await platformDb());
    const outsideShared =
      plansWithPool.length > 0 ? or(isNotNull(tenants.workflowPool), inArray(tenants.plan, plansWithPool)) : isNotNull(tenants.workflowPool);
    const rows = await db
      .select({ id: tenants.id, plan: tenants.plan, workflowPool: tenants.workflowPool })
      .from(tenants)
      .where(ids ? and(inArray(tenants.id, ids), outsideShared) : outsideShared);
    for (const row of rows) byTenant.set(row.id, poolForTenant(row, config));
  }
  return {
    poolOf(tenantId, pinned) {
      if (typeof pinned === 'string' && config.pools.includes(pinned)) return pinned;
      return (tenantId && byTenant.get(tenantId)) || DEFAULT_POOL;
    },
  };
}
