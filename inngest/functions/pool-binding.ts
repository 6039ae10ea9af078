import { clientForPool, type AppClient } from '../client';
import { poolTriggerExpression } from '../pools';

/**
 * What a per-tenant function is built with, once per pool: the pool's app client and its trigger
 * filter. The function's code, id, concurrency and retries are the same in every pool; only the app it
 * belongs to and the events it takes (`data.pool` equal to its pool) differ. No handler looks at the plan.
 */
export interface PoolBinding {
  pool: string;
  client: AppClient;
  /** An event trigger of this pool: the event, taken only when the relay stamped it with this pool. */
  on<E>(event: E): { event: E; if: string };
}

export function bindPool(pool: string): PoolBinding {
  const expression = poolTriggerExpression(pool);
  return {
    pool,
    client: clientForPool(pool),
    on: (event) => ({ event, if: expression }),
  };
}
