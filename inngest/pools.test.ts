import { describe, expect, it } from 'vitest';
import {
  appIdForPool,
  DEFAULT_POOL,
  poolForTenant,
  poolTriggerExpression,
  readWorkflowPoolConfig,
  servePathForPool,
  workflowPoolConfig,
  WorkflowPoolConfigError,
} from './pools';

const errorOf = (env: Record<string, string>) => {
  try {
    readWorkflowPoolConfig(env);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(WorkflowPoolConfigError);
    return (error as Error).message;
  }
};

describe('workflow pool configuration', () => {
  it('by default gives premium shops the premium pool and every other plan the shared one; an instance serves every pool', () => {
    const config = readWorkflowPoolConfig({});
    expect(config).toEqual({ planPools: { premium: 'premium' }, pools: ['shared', 'premium'], served: ['shared', 'premium'] });
    expect(poolForTenant({ plan: 'premium', workflowPool: null }, config)).toBe('premium');
    expect(poolForTenant({ plan: 'standard', workflowPool: null }, config)).toBe(DEFAULT_POOL);
  });

  it('reads the plan mapping, extra pools and the pools an instance serves from the environment', () => {
    const config = readWorkflowPoolConfig({
      WORKFLOW_PLAN_POOLS: ' premium = gold , standard=shared ',
      WORKFLOW_POOLS: 'acme-dedicated',
      WORKFLOW_SERVE_POOLS: 'gold, acme-dedicated',
    });
    expect(config.planPools).toEqual({ premium: 'gold', standard: 'shared' });
    expect(config.pools).toEqual(['shared', 'gold', 'acme-dedicated']);
    expect(config.served).toEqual(['gold', 'acme-dedicated']);
    // Set but empty: no plan has a pool of its own.
    expect(readWorkflowPoolConfig({ WORKFLOW_PLAN_POOLS: '' }).pools).toEqual(['shared']);
  });

  it('refuses a mapping it cannot use, naming the variable and what it expects', () => {
    expect(errorOf({ WORKFLOW_PLAN_POOLS: 'gold=premium' })).toMatch(/^WORKFLOW_PLAN_POOLS: "gold" is not a plan \(standard, premium\)/);
    expect(errorOf({ WORKFLOW_PLAN_POOLS: 'premium' })).toMatch(/^WORKFLOW_PLAN_POOLS: "premium" is not plan=pool/);
    expect(errorOf({ WORKFLOW_PLAN_POOLS: 'premium=a=b' })).toMatch(/is not plan=pool/);
    expect(errorOf({ WORKFLOW_PLAN_POOLS: 'premium=a,premium=b' })).toMatch(/mapped twice/);
    expect(errorOf({ WORKFLOW_PLAN_POOLS: 'premium=Premium Pool' })).toMatch(/^WORKFLOW_PLAN_POOLS: "Premium Pool" is no pool name/);
    expect(errorOf({ WORKFLOW_POOLS: 'ok,-bad' })).toMatch(/^WORKFLOW_POOLS: "-bad" is no pool name/);
    expect(errorOf({ WORKFLOW_POOLS: 'a'.repeat(31) })).toMatch(/is no pool name/);
    expect(errorOf({ WORKFLOW_SERVE_POOLS: 'gold' })).toMatch(/^WORKFLOW_SERVE_POOLS: "gold" is not a configured pool \(shared, premium\)/);
  });

  it('is read again when its environment changes, so a process never serves a stale mapping', () => {
    const env: Record<string, string> = {};
    expect(workflowPoolConfig(env).pools).toEqual(['shared', 'premium']);
    env.WORKFLOW_POOLS = 'acme-dedicated';
    expect(workflowPoolConfig(env).pools).toEqual(['shared', 'premium', 'acme-dedicated']);
  });
});

describe('a tenant’s pool', () => {
  const config = readWorkflowPoolConfig({ WORKFLOW_POOLS: 'acme-dedicated' });

  it('is its override first, even against its plan, else its plan’s pool', () => {
    expect(poolForTenant({ plan: 'standard', workflowPool: 'acme-dedicated' }, config)).toBe('acme-dedicated');
    expect(poolForTenant({ plan: 'premium', workflowPool: 'shared' }, config)).toBe('shared');
    expect(poolForTenant({ plan: 'premium', workflowPool: null }, config)).toBe('premium');
  });

  it('ignores an override naming a pool no longer configured, rather than sending events nobody runs', () => {
    expect(poolForTenant({ plan: 'premium', workflowPool: 'gone' }, config)).toBe('premium');
    expect(poolForTenant({ plan: 'standard', workflowPool: 'gone' }, config)).toBe('shared');
  });
});

describe('a pool’s app', () => {
  it('shared keeps the historic app id and path; the others get their own', () => {
    expect([appIdForPool('shared'), servePathForPool('shared')]).toEqual(['storefleet', '/api/inngest']);
    expect([appIdForPool('premium'), servePathForPool('premium')]).toEqual(['storefleet-premium', '/api/inngest/premium']);
  });

  it('takes only the events stamped with its pool, with a plain CEL equality', () => {
    expect(poolTriggerExpression('premium')).toBe("event.data.pool == 'premium'");
    expect(() => poolTriggerExpression("x' || true || '")).toThrow(WorkflowPoolConfigError);
  });
});
