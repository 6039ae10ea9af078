import 'server-only';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { sameTenant, TenantId } from './tenant-id';
import type { TenantConfig } from './webhook-config';
import { PAYMENT_WEBHOOK_RECEIVED, webhookOutboxEventId, webhookReplayOutboxEventId } from './webhook-event-ids';
import type { Announcement, StoredWebhookEvent, WebhookStorage } from './webhook-storage';

export interface ReceiveWebhookInput {
  provider: string;
  /** The raw request body, exactly as signed. The signature is verified before this is called. */
  payload: string;
  headers?: Record<string, string>;
  /** An explicit tenant wins over the resolver; `null` means "no tenant" and also skips the resolver. */
  tenantId?: string | null;
}

export interface WebhookDeps {
  config: TenantConfig;
  storage: WebhookStorage;
}

export interface ReceiveWebhookResult {
  duplicate: boolean;
  event: StoredWebhookEvent;
  tenantId: string | null;
}

export interface ReplayContext {
  /** When given (even as null), the event must belong to this tenant. */
  tenantId?: string | null;
  /** Who asked for the replay, for the audit log. */
  actor?: string;
}

const MAX_ID_LENGTH = 255;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/** Precedence: an explicit tenant on the input, else the configured resolver, else null. */
async function resolveTenant(input: ReceiveWebhookInput, config: TenantConfig): Promise<string | null> {
  if (input.tenantId !== undefined) return input.tenantId;
  if (!config.resolver) return null;
  const resolved = await config.resolver.resolve({ provider: input.provider, headers: lowerCaseKeys(input.headers ?? {}), payload: input.payload });
  return resolved ?? null;
}

// Far deeper than any provider's event; JSON.stringify (and so the jsonb column) overflows the stack on
// a body nested some ten thousand levels deep, which a 256 KB body can be.
const MAX_PAYLOAD_DEPTH = 64;

/** Whether jsonb can hold the parsed body: no U+0000 in any key or string, and a bounded depth. */
function storableJson(root: unknown): boolean {
  const pending: Array<[unknown, number]> = [[root, 0]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return false;
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= MAX_PAYLOAD_DEPTH) return false;
      for (const [key, child] of Object.entries(value)) {
        if (key.includes('\u0000')) return false;
        pending.push([child, depth + 1]);
      }
    }
  }
  return true;
}

/** The envelope every known provider sends (`{ id, type, created, data }`, as the sandbox and Stripe do). */
function parseEvent(payload: string): { id: string; type: string; body: Record<string, unknown> } {
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    body = undefined;
  }
  const valid = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
  if (!isRecord(body) || !valid(body.id) || !valid(body.type) || !storableJson(body)) {
    throw new AppError('VALIDATION_FAILED', 'The webhook payload is not a valid event.');
  }
  return { id: body.id, type: body.type, body };
}

function announcement(event: StoredWebhookEvent, actor: string, action: string): Announcement {
  const replay = event.replayCount;
  const eventId =
    replay === 0
      ? webhookOutboxEventId(event.provider, event.providerEventId, event.tenantId)
      : webhookReplayOutboxEventId(event.provider, event.providerEventId, event.tenantId, replay);
  const data = event.payload.data;
  return {
    outbox: {
      eventId,
      eventName: PAYMENT_WEBHOOK_RECEIVED,
      payload: {
        webhookEventId: event.id,
        tenantId: event.tenantId,
        provider: event.provider,
        providerEventId: event.providerEventId,
        type: event.eventType,
        replay,
        data: isRecord(data) ? data : null,
      },
    },
    // Ids only: the payload stays in webhook_events.
    audit: {
      actor,
      action,
      details: { webhookEventId: event.id, provider: event.provider, providerEventId: event.providerEventId, type: event.eventType, replay },
    },
  };
}

/**
 * Stores a verified webhook under its tenant, once per (provider, provider event id, tenant), and for a
 * new event writes the outbox row that publishes it and an audit row, all carrying the tenant.
 */
export async function receiveWebhook(input: ReceiveWebhookInput, deps: WebhookDeps): Promise<ReceiveWebhookResult> {
  const resolved = await resolveTenant(input, deps.config);
  if (resolved === null && deps.config.enabled) {
    throw new AppError('TENANT_REQUIRED', 'A tenant id is required when tenancy is enabled.');
  }
  // Control characters (NUL above all, which no database column can hold) name no tenant.
  if (resolved !== null && /[\u0000-\u001f\u007f]/.test(resolved)) throw new AppError('TENANT_REQUIRED', 'The tenant id is not valid.');
  // An empty or whitespace-only id, explicit or resolved, is rejected rather than taken for "no tenant".
  const tenantId = resolved === null ? null : TenantId.of(resolved).toString();
  const parsed = parseEvent(input.payload);
  const { event, duplicate } = await deps.storage.record(
    { tenantId, provider: input.provider, providerEventId: parsed.id, eventType: parsed.type, payload: parsed.body },
    (stored) => announcement(stored, `webhook:${input.provider}`, 'payment.webhook_received'),
  );
  log.info({ provider: input.provider, providerEventId: parsed.id, type: parsed.type, tenantId: event.tenantId, duplicate }, 'payment webhook received');
  return { duplicate, event, tenantId: event.tenantId };
}

/**
 * Processes a stored webhook again: one more replay is counted and announced under its own stable id.
 * With `context.tenantId` given, the event must belong to that tenant (null-aware), else
 * WEBHOOK_REPLAY_DENIED. A tenant-scoped caller looks only in its own plane, so another tenant's event
 * and an event that does not exist get the same answer: nothing about other tenants leaks.
 */
export async function replayWebhook(eventId: string, context: ReplayContext, deps: Pick<WebhookDeps, 'storage'>): Promise<StoredWebhookEvent> {
  const requested = context.tenantId === undefined || context.tenantId === null ? context.tenantId : TenantId.of(context.tenantId).toString();
  const denied = () => new AppError('WEBHOOK_REPLAY_DENIED', 'Webhook replay not permitted');
  const event = await deps.storage.find(eventId, requested === undefined ? 'anywhere' : { tenantId: requested });
  if (!event) {
    if (requested !== undefined) throw denied();
    throw new AppError('NOT_FOUND', 'This webhook event does not exist.');
  }
  if (requested !== undefined && !sameTenant(event.tenantId, requested)) throw denied();
  const replayed = await deps.storage.replay(event, (stored) => announcement(stored, context.actor ?? 'system', 'payment.webhook_replayed'));
  log.info(
    { provider: replayed.provider, providerEventId: replayed.providerEventId, tenantId: replayed.tenantId, replay: replayed.replayCount },
    'payment webhook replayed',
  );
  return replayed;
}
