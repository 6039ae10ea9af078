import { randomUUID } from 'node:crypto';
import { AppError } from '@/lib/errors';
import { sameTenant } from '@/lib/payments/tenant-id';
import type { Announcement, StoredWebhookEvent, WebhookStorage } from '@/lib/payments/webhook-storage';

/**
 * In-process WebhookStorage for unit tests of the resolution and replay rules. Mirrors the database
 * semantics that matter: dedup on (provider, provider event id, tenant), a tenant scope sees only that
 * tenant's events, announcements only for new events and replays, no audit row without a tenant.
 */
export class MemoryWebhookStorage implements WebhookStorage {
  readonly events: StoredWebhookEvent[] = [];
  readonly outbox: (Announcement['outbox'] & { tenantId: string | null })[] = [];
  readonly audit: (Announcement['audit'] & { tenantId: string })[] = [];

  private announce(event: StoredWebhookEvent, announcement: Announcement): void {
    if (this.outbox.some((row) => row.eventId === announcement.outbox.eventId)) throw new Error('duplicate outbox event id');
    this.outbox.push({ tenantId: event.tenantId, ...announcement.outbox });
    if (event.tenantId !== null) this.audit.push({ tenantId: event.tenantId, ...announcement.audit });
  }

  async record(input: Parameters<WebhookStorage['record']>[0], announce: Parameters<WebhookStorage['record']>[1]) {
    const existing = this.events.find(
      (e) => e.provider === input.provider && e.providerEventId === input.providerEventId && sameTenant(e.tenantId, input.tenantId),
    );
    if (existing) return { event: existing, duplicate: true };
    const event: StoredWebhookEvent = { id: randomUUID(), ...input, receivedAt: new Date(), processedAt: null, replayCount: 0 };
    this.events.push(event);
    this.announce(event, announce(event));
    return { event, duplicate: false };
  }

  async find(eventId: string, scope: Parameters<WebhookStorage['find']>[1]) {
    const event = this.events.find((e) => e.id === eventId);
    if (!event) return null;
    return scope === 'anywhere' || sameTenant(event.tenantId, scope.tenantId) ? event : null;
  }

  async replay(target: Pick<StoredWebhookEvent, 'id' | 'tenantId'>, announce: Parameters<WebhookStorage['replay']>[1]) {
    const event = this.events.find((e) => e.id === target.id && sameTenant(e.tenantId, target.tenantId));
    if (!event) throw new AppError('NOT_FOUND', 'This webhook event does not exist.');
    event.replayCount += 1;
    this.announce(event, announce(event));
    return event;
  }
}
