/**
 * The outbox relay as a process of its own: relays until SIGTERM or SIGINT, then finishes the run in
 * progress and closes its database connections.
 *
 *   npx tsx lib/outbox/relay-cli.ts
 *
 * Environment: the app's database variables (DATABASE_URL, TENANT_DATABASE_URLS), the Inngest ones
 * (INNGEST_DEV=1 for a local Dev Server, or INNGEST_EVENT_KEY [+ INNGEST_BASE_URL when self-hosted]),
 * OUTBOX_RELAY_INTERVAL_MS (default 1000) and OUTBOX_RELAY_BATCH_SIZE (default 100), and the workflow pools'
 * WORKFLOW_PLAN_POOLS and WORKFLOW_POOLS (docs/workflow-pools.md), checked before the first run.
 * Several copies may run at once; each row is still published by one of them.
 */
import { getRegistry } from '@/db/connection-registry';
import { inngest, inngestEngineConfigured } from '@/inngest/client';
import { workflowPoolConfig } from '@/inngest/pools';
import { log } from '@/lib/log';
import { inngestPublisher } from './publisher';
import { startOutboxRelayLoop } from './relay-loop';

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
}

function main() {
  if (!inngestEngineConfigured()) {
    log.error('no Inngest engine configured: set INNGEST_DEV=1 for a local Dev Server, or INNGEST_EVENT_KEY for Inngest Cloud or a self-hosted engine');
    process.exitCode = 1;
    return;
  }
  // A mistyped pool mapping stops the relay here, not with an error on every run.
  workflowPoolConfig();
  const intervalMs = positiveInt('OUTBOX_RELAY_INTERVAL_MS', 1_000);
  const batchSize = positiveInt('OUTBOX_RELAY_BATCH_SIZE', 100);
  const loop = startOutboxRelayLoop({ publisher: inngestPublisher(inngest), intervalMs, batchSize });
  log.info({ intervalMs, batchSize }, 'outbox relay started');

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'outbox relay stopping');
    await loop.stop();
    await getRegistry().closeAll();
    log.info('outbox relay stopped');
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      shutdown(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'outbox relay did not stop cleanly');
          process.exit(1);
        },
      );
    });
  }
}

main();
