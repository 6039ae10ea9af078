import 'server-only';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { platformDb } from '@/db/connection-registry';
import { auditLog, outbox, tenants, webhookEvents, type WebhookEvent } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { isUuid } from '@/lib/ids';

export type StoredWebhookEvent = WebhookEvent;

interface NewWebhookEvent {
  tenantId: string | null;
  provider: string;
  providerEventId: string;
  eventType: string;
  payload: Record<string, unknown>;
}

/** What a stored (or replayed) event announces: one outbox row, and one audit row when it has a tenant. */
export interface Announcement {
  outbox: { eventId: string; eventName: string; payload: Record<string, unknown> };
  audit: { actor: string; action: string; details: Record<string, unknown> };
}

type Announce = (event: StoredWebhookEvent) => Announcement;

/**
 * Where to look for an event: within one tenant's plane (null = the events stored without a tenant), or
 * `'anywhere'` for a caller that is not confined to a tenant.
 */
type EventScope = { tenantId: string | null } | 'anywhere';

export interface WebhookStorage {
  /**
   * Stores the event unless one with the same (provider, provider event id, tenant) exists. A new event's
   * announcement (outbox row, audit row) is written in the same transaction, so it exists exactly when
   * the event does; a duplicate writes nothing.
   */
  record(event: NewWebhookEvent, announce: Announce): Promise<{ event: StoredWebhookEvent; duplicate: boolean }>;
  find(eventId: string, scope: EventScope): Promise<StoredWebhookEvent | null>;
  /** Counts one more replay of the event and writes that replay's announcement, in one transaction. */
  replay(event: Pick<StoredWebhookEvent, 'id' | 'tenantId'>, announce: Announce): Promise<StoredWebhookEvent>;
}

/**
 * Runs `work` in the plane the tenant's events live in.
 *
 * A tenant's events go through `withTenant`: the tenant's own database (shared or dedicated, chosen from
 * the id), row-level security, the application role.
 *
 * Events without a tenant exist only when tenancy is disabled (the seed's default; the platform itself
 * runs with tenancy enabled and refuses them with TENANT_REQUIRED before they get here). There is no
 * tenant context to set for them, and the RLS policies deliberately have no branch for a null tenant, so
 * they are written on the default database with the connection's own role, i.e. as the table owner in
 * development, tests and single-shop setups. Under the production role (neither owner nor superuser, see
 * docs/architecture.md) row-level security refuses such a row: the path fails closed instead of storing events that
 * no tenant owns. No audit row is written for them: `audit_log.tenant_id` is NOT NULL and an audit trail
 * belongs to a tenant; the outbox row (nullable tenant) still announces the event.
 */
async function inPlane<T>(tenantId: string | null, work: (tx: Transaction) => Promise<T>): Promise<T> {
  if (tenantId !== null) return withTenant(tenantId, work);
  const db = await platformDb();
  return db.transaction(work);
}

const sameTenantAs = (tenantId: string | null) => (tenantId === null ? isNull(webhookEvents.tenantId) : eq(webhookEvents.tenantId, tenantId));

async function announceIn(tx: Transaction, event: StoredWebhookEvent, announcement: Announcement): Promise<void> {
  await tx.insert(outbox).values({ tenantId: event.tenantId, ...announcement.outbox });
  if (event.tenantId !== null) await tx.insert(auditLog).values({ tenantId: event.tenantId, ...announcement.audit });
}

async function findIn(eventId: string, tenantId: string | null): Promise<StoredWebhookEvent | null> {
  return inPlane(tenantId, async (tx) => {
    // Inside withTenant, row-level security already confines this to the tenant; the condition makes the
    // null plane (read as the owner, below RLS) return only events without a tenant.
    const [row] = await tx
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.id, eventId), sameTenantAs(tenantId)))
      .limit(1);
    return row ?? null;
  });
}

/** The events of every tenant, in their own databases, through row-level security like everything else. */
export const databaseWebhookStorage: WebhookStorage = {
  async record(event, announce) {
    return inPlane(event.tenantId, async (tx) => {
      // The unique constraint webhook_events_dedup_key (NULLS NOT DISTINCT) decides between concurrent
      // deliveries: exactly one insert wins, the others wait for it to commit and then do nothing.
      const [inserted] = await tx
        .insert(webhookEvents)
        .values(event)
        .onConflictDoNothing({ target: [webhookEvents.provider, webhookEvents.providerEventId, webhookEvents.tenantId] })
        .returning();
      if (inserted) {
        await announceIn(tx, inserted, announce(inserted));
        return { event: inserted, duplicate: false };
      }
      // A new statement, so a new snapshot (READ COMMITTED): the winner's committed row is visible.
      const [existing] = await tx
        .select()
        .from(webhookEvents)
        .where(and(eq(webhookEvents.provider, event.provider), eq(webhookEvents.providerEventId, event.providerEventId), sameTenantAs(event.tenantId)))
        .limit(1);
      if (!existing) throw new Error('webhook event conflicted on insert but cannot be read back');
      return { event: existing, duplicate: true };
    });
  },

  async find(eventId, scope) {
    if (!isUuid(eventId)) return null;
    if (scope !== 'anywhere') return findIn(eventId, scope.tenantId);
    const withoutTenant = await findIn(eventId, null);
    if (withoutTenant) return withoutTenant;
    // Not confined to a tenant, yet every tenant's rows are behind row-level security (and possibly in a
    // dedicated database): ask each tenant's plane in turn. One short transaction per tenant; only an
    // unscoped (operator) replay takes this path, tenant-scoped callers look in their own plane only.
    const db = await platformDb();
    const all = await db.select({ id: tenants.id }).from(tenants).orderBy(asc(tenants.createdAt));
    for (const { id } of all) {
      const found = await findIn(eventId, id);
      if (found) return found;
    }
    return null;
  },

  async replay(event, announce) {
    return inPlane(event.tenantId, async (tx) => {
      // The row lock of the update serializes concurrent replays, so each gets its own replay number.
      const [updated] = await tx
        .update(webhookEvents)
        .set({ replayCount: sql`${webhookEvents.replayCount} + 1` })
        .where(and(eq(webhookEvents.id, event.id), sameTenantAs(event.tenantId)))
        .returning();
      if (!updated) throw new AppError('NOT_FOUND', 'This webhook event does not exist.');
      await announceIn(tx, updated, announce(updated));
      return updated;
    });
  },
};
