import { inArray, isNotNull, or } from 'drizzle-orm';
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

/**
 * A snapshot of the tenant → pool mapping, taken by the outbox relay at the start of each run, outside any
 * transaction (on PGlite a query during the relay's transaction would wait for it forever). Reading the
 * table each run is what makes a plan change or a console override count for the next event published,
 * on every instance, with no cache to invalidate. Only tenants that can be outside `shared` are read:
 * those with an override and those whose plan has a pool of its own.
 */
export async function loadTenantPools(config: WorkflowPoolConfig = workflowPoolConfig()): Promise<TenantPools> {
  const plansWithPool = (Object.entries(config.planPools) as [Plan, string][]).filter(([, pool]) => pool !== DEFAULT_POOL).map(([plan]) => plan);
  const db = await platformDb();
  const rows = await db
    .select({ id: tenants.id, plan: tenants.plan, workflowPool: tenants.workflowPool })
    .from(tenants)
    .where(plansWithPool.length > 0 ? or(isNotNull(tenants.workflowPool), inArray(tenants.plan, plansWithPool)) : isNotNull(tenants.workflowPool));
  const byTenant = new Map(rows.map((row) => [row.id, poolForTenant(row, config)]));
  return {
    poolOf(tenantId, pinned) {
      if (typeof pinned === 'string' && config.pools.includes(pinned)) return pinned;
      return (tenantId && byTenant.get(tenantId)) || DEFAULT_POOL;
    },
  };
}
