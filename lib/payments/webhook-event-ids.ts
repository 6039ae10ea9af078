import { createHash } from 'node:crypto';

/** The event the outbox relay publishes for every stored (and every replayed) payment webhook. */
export const PAYMENT_WEBHOOK_RECEIVED = 'payment/webhook.received';

/**
 * The outbox (and so the published) event id of a received webhook, derived from what makes it unique:
 * provider, provider event id and tenant. However often the relay retries, or the provider redelivers, the
 * event keeps this id and the consumer's deduplication sees one event. Hashed, so a provider event id
 * containing separators cannot make two different triples collide; the provider name stays readable.
 */
export function webhookOutboxEventId(provider: string, providerEventId: string, tenantId: string | null): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([provider, providerEventId, tenantId === null ? null : tenantId.toLowerCase()]))
    .digest('hex');
  return `payment-webhook:${provider}:${digest}`;
}

/** The n-th replay (1, 2, …) of a webhook is its own event, with an id as stable as the original's. */
export function webhookReplayOutboxEventId(provider: string, providerEventId: string, tenantId: string | null, replayNumber: number): string {
  return `${webhookOutboxEventId(provider, providerEventId, tenantId)}:replay:${replayNumber}`;
}
