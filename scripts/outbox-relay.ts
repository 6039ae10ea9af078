/**
 * The outbox relay as a process of its own: leads or stands by until SIGTERM or SIGINT, then finishes
 * the run in progress, gives up the leader lock and closes its database connections.
 *
 *   npx tsx scripts/outbox-relay.ts
 *
 * Environment: the app's database variables (DATABASE_URL, DATABASE_DIRECT_URL, DATABASE_POOLING,
 * TENANT_DATABASE_URLS, …), the Inngest ones (INNGEST_DEV=1 for a local Dev Server, or INNGEST_EVENT_KEY
 * [+ INNGEST_BASE_URL when self-hosted]), the relay's own (relayLoopSettingsFromEnv, docs/outbox-relay.md),
 * and the workflow pools' WORKFLOW_PLAN_POOLS and WORKFLOW_POOLS (docs/workflow-pools.md), checked before
 * the first run. Several copies (and app servers) may run at once: one of them leads and relays.
 */
import 'server-only';
import { getRegistry } from '@/db/connection-registry';
import { inngest, inngestEngineConfigured } from '@/inngest/client';
import { workflowPoolConfig } from '@/inngest/pools';
import { log } from '@/lib/log';
import { projectPlatformReadModel } from '@/lib/platform-read-model/projector';
import { inngestPublisher } from '@/lib/outbox/publisher';
import { relayLoopSettingsFromEnv, startOutboxRelayLoop } from '@/lib/outbox/relay-loop';

function main() {
  if (!inngestEngineConfigured()) {
    log.error('no Inngest engine configured: set INNGEST_DEV=1 for a local Dev Server, or INNGEST_EVENT_KEY for Inngest Cloud or a self-hosted engine');
    process.exitCode = 1;
    return;
  }
  // A mistyped pool mapping stops the relay here, not with an error on every run.
  workflowPoolConfig();
  const settings = relayLoopSettingsFromEnv();
  // The leader also keeps the console's read model current (lib/platform-read-model/projector.ts).
  const loop = startOutboxRelayLoop({ publisher: inngestPublisher(inngest), ...settings, afterRelay: projectPlatformReadModel });
  log.info(settings, 'outbox relay started');

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
