import { Inngest } from 'inngest';
import { appIdForPool, DEFAULT_POOL } from './pools';

/**
 * The app's one Inngest client. Where events go is decided by the environment, never by code:
 * `INNGEST_DEV=1` (or the Dev Server's URL) for a local Dev Server, `INNGEST_EVENT_KEY` for Inngest Cloud,
 * plus `INNGEST_BASE_URL` for a self-hosted `inngest start`. Without any of them the SDK is in cloud mode
 * with no key and `send()` throws at once, so nothing waits on an engine that is not there.
 */
export const inngest: Inngest<{ id: string }> = new Inngest({ id: appIdForPool(DEFAULT_POOL) });

export type AppClient = typeof inngest;

const poolClients = new Map<string, AppClient>([[DEFAULT_POOL, inngest]]);

/**
 * The client of one workflow pool's app (`storefleet-<pool>`; `shared` is `inngest` itself). Each pool is
 * its own Inngest app so it can be served, synced and scaled on its own; created on first use, after
 * the environment is read, like `inngest`.
 */
export function clientForPool(pool: string): AppClient {
  let client = poolClients.get(pool);
  if (!client) {
    client = new Inngest({ id: appIdForPool(pool) });
    poolClients.set(pool, client);
  }
  return client;
}

function isSet(value: string | undefined): boolean {
  const v = value?.trim().toLowerCase();
  return Boolean(v) && v !== '0' && v !== 'false';
}

/**
 * Whether an engine is configured to receive events: a Dev Server (`INNGEST_DEV`) or an event key. The
 * outbox relay does not start without one; orders then wait in the outbox, and the storefront says so.
 */
export function inngestEngineConfigured(env: Record<string, string | undefined> = process.env): boolean {
  return isSet(env.INNGEST_DEV) || isSet(env.INNGEST_EVENT_KEY);
}
