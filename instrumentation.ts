/**
 * Stamps each request with its socket's address (lib/http/peer-address.ts) and answers the methods
 * middleware.ts never sees with a 405. Refuses to start with an unreadable provider deadline (PAYMENT_PROVIDER_TIMEOUT_MS,
 * EMAIL_SEND_TIMEOUT_MS), workflow pool configuration (inngest/pools.ts), database settings it cannot use
 * (DATABASE_POOLING without a direct URL, see db/connection-registry.ts), a tenant directory capacity it
 * cannot read (lib/tenancy/tenant-directory.ts), outbox relay settings it cannot read (OUTBOX_RELAY_*) or a
 * cache version poll interval it cannot read (CACHE_VERSION_POLL_MS).
 * Starts the outbox relay loop inside the app server when an Inngest engine is configured, so orders reach
 * the workflow with nothing else to run (the embedded PGlite database can only be opened by one process,
 * so a separate relay is not even possible there). Of all app servers and `npm run outbox:relay`
 * processes, one leads and relays, woken by the writes; the others stand by (docs/outbox-relay.md). The
 * leader also keeps the console's platform read model current; with no relay in this process, a projector
 * loop of its own does (docs/platform-read-model.md).
 * `OUTBOX_RELAY_IN_PROCESS=0` turns it off for deployments that run `npm run outbox:relay` on their own;
 * the engine's one-minute sweep covers both.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Every request from here on carries its socket's address in a header no client can set (sign-in limits).
  const { installPeerAddressStamp } = await import('@/lib/http/peer-address');
  installPeerAddressStamp();
  // TRACE, CONNECT and unknown method tokens get a 405 (lib/http/unroutable-methods.ts), not a 500 or a dropped socket.
  const { refuseUnroutableMethodsOnEveryServer } = await import('@/lib/http/unroutable-methods');
  refuseUnroutableMethodsOnEveryServer();
  // A mistyped provider deadline stops the server here, not the first refund or email hours later.
  const { paymentProviderTimeoutMs } = await import('@/lib/payments/provider-call');
  const { emailSendTimeoutMs } = await import('@/lib/email/resend-transport');
  paymentProviderTimeoutMs();
  emailSendTimeoutMs();
  // So does a workflow pool mapping it cannot use (WORKFLOW_PLAN_POOLS, WORKFLOW_POOLS, WORKFLOW_SERVE_POOLS).
  const { workflowPoolConfig } = await import('@/inngest/pools');
  workflowPoolConfig();
  // And database settings that would break behind a bouncer (DATABASE_POOLING, DATABASE_DIRECT_URL, …).
  const { configFromEnv } = await import('@/db/connection-registry');
  configFromEnv();
  // And a tenant directory capacity it cannot read (TENANT_DIRECTORY_MAX, TENANT_DIRECTORY_UNKNOWN_MAX).
  const { tenantDirectoryCapacity } = await import('@/lib/tenancy/tenant-directory');
  tenantDirectoryCapacity();
  // And a cache version poll interval it cannot read (CACHE_VERSION_POLL_MS, lib/cache/cache-versions.ts).
  const { cacheVersionPollMs } = await import('@/lib/cache/cache-versions');
  cacheVersionPollMs();
  const { relayLoopSettingsFromEnv } = await import('@/lib/outbox/relay-loop');
  const relaySettings = relayLoopSettingsFromEnv();
  // With a shared render cache an instance may serve pages it never rendered itself, so it must follow the
  // tenants' cache versions (which decide whether a page's stamp is current) from the start, not from its
  // first render.
  if (process.env.REDIS_URL) {
    await import('@/lib/cache/render-cache');
    const { ensureCacheInvalidationListener } = await import('@/lib/cache/cache-invalidation');
    void ensureCacheInvalidationListener();
  }
  const { inngest, inngestEngineConfigured } = await import('@/inngest/client');
  const { projectPlatformReadModel, startPlatformProjectorInProcess } = await import('@/lib/platform-read-model/projector');
  const { log } = await import('@/lib/log');
  if (process.env.OUTBOX_RELAY_IN_PROCESS === '0' || !inngestEngineConfigured()) {
    // No relay here: the console's read model is kept current by a projector loop of this process's own
    // (PLATFORM_PROJECTOR_IN_PROCESS=0 turns it off where `npm run outbox:relay` projects instead).
    startPlatformProjectorInProcess();
    return;
  }
  // The relay's leader also projects the read model, woken by the same outbox notices; standbys do neither.
  const { inngestPublisher } = await import('@/lib/outbox/publisher');
  const { startOutboxRelayLoop } = await import('@/lib/outbox/relay-loop');
  startOutboxRelayLoop({ publisher: inngestPublisher(inngest), ...relaySettings, afterRelay: projectPlatformReadModel });
  log.info(relaySettings, 'outbox relay started in the app server (leader or standby)');
}
