import { tenantPlan, type Tenant } from '@/db/schema';

/**
 * Workflow pools: which workers run a tenant's events. A pool is a slug; each pool is its own Inngest app
 * (`storefleet` for `shared`, `storefleet-<pool>` for the others) served at its own path, so an operator
 * can run a pool on instances of its own and scale it alone. Which pool a tenant's events go to is
 * configuration and data, never code: the tenant's own override (`tenants.workflow_pool`, set in the
 * console), else its plan's pool (`WORKFLOW_PLAN_POOLS`), else `shared`. The outbox relay stamps the
 * pool on every event when it publishes it (`data.pool`), and each pool's functions take only the
 * events stamped with their pool (see `poolTriggerExpression`). Deployment: docs/workflow-pools.md.
 */
export const DEFAULT_POOL = 'shared';

/** The plans a mapping may name, as the schema knows them. */
export type Plan = (typeof tenantPlan.enumValues)[number];

/** Premium shops get a queue nobody else can clog, unless configured otherwise. */
const DEFAULT_PLAN_POOLS = 'premium=premium';

/** A pool is part of an app id and a URL path: lower-case letters, digits and inner hyphens (as the column's check). */
const POOL_SLUG = /^[a-z0-9]([a-z0-9-]{0,28}[a-z0-9])?$/;

export function isPoolSlug(value: string): boolean {
  return POOL_SLUG.test(value);
}

export interface WorkflowPoolConfig {
  /** The pool of each plan that has one of its own; any other plan's tenants run in `shared`. */
  planPools: Readonly<Partial<Record<Plan, string>>>;
  /** Every pool that exists: `shared`, the mapping's pools and `WORKFLOW_POOLS`, in that order. */
  pools: readonly string[];
  /** The pools this instance serves (`WORKFLOW_SERVE_POOLS`, default all). */
  served: readonly string[];
}

/** A configuration that cannot be right; the message names the variable and what it expects. */
export class WorkflowPoolConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkflowPoolConfigError';
  }
}

type Env = Record<string, string | undefined>;

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function checkSlug(variable: string, pool: string): string {
  if (!isPoolSlug(pool)) {
    throw new WorkflowPoolConfigError(
      `${variable}: ${JSON.stringify(pool)} is no pool name (lower-case letters, digits and hyphens, at most 30, e.g. premium).`,
    );
  }
  return pool;
}

function parsePlanPools(raw: string): Partial<Record<Plan, string>> {
  const plans = tenantPlan.enumValues as readonly string[];
  const mapping: Partial<Record<Plan, string>> = {};
  for (const entry of list(raw)) {
    const [plan, pool, ...rest] = entry.split('=').map((part) => part.trim());
    if (!plan || !pool || rest.length > 0) {
      throw new WorkflowPoolConfigError(`WORKFLOW_PLAN_POOLS: ${JSON.stringify(entry)} is not plan=pool; write e.g. WORKFLOW_PLAN_POOLS=premium=premium.`);
    }
    if (!plans.includes(plan)) throw new WorkflowPoolConfigError(`WORKFLOW_PLAN_POOLS: ${JSON.stringify(plan)} is not a plan (${plans.join(', ')}).`);
    if (mapping[plan as Plan]) throw new WorkflowPoolConfigError(`WORKFLOW_PLAN_POOLS: the plan ${plan} is mapped twice.`);
    mapping[plan as Plan] = checkSlug('WORKFLOW_PLAN_POOLS', pool);
  }
  return mapping;
}

/**
 * Reads and checks the pool configuration. `WORKFLOW_PLAN_POOLS` unset means `premium=premium`; set
 * but empty, every plan runs in `shared`. Throws a `WorkflowPoolConfigError` on anything it cannot use.
 */
export function readWorkflowPoolConfig(env: Env = process.env): WorkflowPoolConfig {
  const planPools = parsePlanPools(env.WORKFLOW_PLAN_POOLS ?? DEFAULT_PLAN_POOLS);
  const extra = list(env.WORKFLOW_POOLS).map((pool) => checkSlug('WORKFLOW_POOLS', pool));
  const pools = [...new Set([DEFAULT_POOL, ...Object.values(planPools), ...extra])];
  const wanted = list(env.WORKFLOW_SERVE_POOLS);
  for (const pool of wanted) {
    if (!pools.includes(pool)) {
      throw new WorkflowPoolConfigError(
        `WORKFLOW_SERVE_POOLS: ${JSON.stringify(pool)} is not a configured pool (${pools.join(', ')}); add it to WORKFLOW_PLAN_POOLS or WORKFLOW_POOLS.`,
      );
    }
  }
  return {
    planPools,
    pools,
    served: wanted.length > 0 ? pools.filter((pool) => wanted.includes(pool)) : pools,
  };
}

let cached: { key: string; config: WorkflowPoolConfig } | undefined;

/** The process's pool configuration, read again whenever one of its variables changed. */
export function workflowPoolConfig(env: Env = process.env): WorkflowPoolConfig {
  const key = JSON.stringify([env.WORKFLOW_PLAN_POOLS, env.WORKFLOW_POOLS, env.WORKFLOW_SERVE_POOLS]);
  if (cached?.key !== key) cached = { key, config: readWorkflowPoolConfig(env) };
  return cached.config;
}

/**
 * The pool a tenant's new events run in: its override when that pool is configured, else its plan's
 * pool, else `shared`. An override naming a pool that was since removed from the configuration falls
 * back to the plan's pool rather than sending events to an app nobody serves.
 */
export function poolForTenant(tenant: Pick<Tenant, 'plan' | 'workflowPool'>, config: WorkflowPoolConfig = workflowPoolConfig()): string {
  if (tenant.workflowPool && config.pools.includes(tenant.workflowPool)) return tenant.workflowPool;
  return config.planPools[tenant.plan] ?? DEFAULT_POOL;
}

/** The Inngest app id of a pool: `shared` keeps the app's historic id, so its functions and runs stay. */
export function appIdForPool(pool: string): string {
  return pool === DEFAULT_POOL ? 'storefleet' : `storefleet-${pool}`;
}

/** Where a pool's app is served: `shared` at `/api/inngest`, the others at `/api/inngest/<pool>`. */
export function servePathForPool(pool: string): string {
  return pool === DEFAULT_POOL ? '/api/inngest' : `/api/inngest/${pool}`;
}

/**
 * The trigger condition of a pool's per-tenant functions (CEL, registered as the trigger's
 * `expression`). Plain equality, which every engine and the test double evaluate alike: an event
 * without `data.pool` matches no pool, so every event a function should run on is published by the
 * outbox relay, which stamps it (docs/workflow-pools.md, "Upgrading").
 */
export function poolTriggerExpression(pool: string): string {
  if (!isPoolSlug(pool)) throw new WorkflowPoolConfigError(`${JSON.stringify(pool)} is no pool name.`);
  return `event.data.pool == '${pool}'`;
}
