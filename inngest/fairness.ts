/**
 * Per-tenant fairness, shared by every function that works for one shop. A shop runs at most
 * `PER_TENANT_CONCURRENCY` of a function's steps at once, so a flood of one shop's orders queues behind
 * itself instead of starving the others; premium shops' runs start up to two minutes ahead in the queue.
 */
export const PER_TENANT_CONCURRENCY = 5;

export const tenantConcurrency = { key: 'event.data.tenantId', limit: PER_TENANT_CONCURRENCY };

export const premiumPriority = { run: "event.data.plan == 'premium' ? 120 : 0" };
