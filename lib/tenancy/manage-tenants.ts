import 'server-only';
import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { tenants, type Tenant } from '@/db/schema';
import type { AdminActor } from '@/lib/auth/authorize-admin';
import { announceTenantChange } from '@/lib/cache/cache-invalidation';
import { tenantSenderAddress } from '@/lib/email/sender-address';
import { AppError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { isUuid } from '@/lib/ids';
import { log } from '@/lib/log';
import { createOwnerInvitation, sendOwnerInvitation } from '@/lib/staff/owner-invitation';
import { writePlatformAudit } from '@/lib/audit/platform-audit';
import { platformDb } from '@/db/connection-registry';
import { createTenantSchema, tenantListQuerySchema, tenantPlanSchema, tenantSettingsSchema } from './tenant-schemas';
import { containsPattern } from '@/db/like';
import { workflowPoolConfig } from '@/inngest/pools';

function invalid(error: z.ZodError, message = 'Please check the form.'): AppError {
  return new AppError('VALIDATION_FAILED', message, { details: { fieldErrors: fieldErrorsOf(error) } });
}

/** Tenants matching the search (name, subdomain or domain) and filters, with the platform's counts. */
export async function listTenants(raw: unknown) {
  const query = tenantListQuerySchema.parse(raw ?? {});
  const db = await platformDb();
  const conditions: SQL[] = [];
  if (query.q) {
    const pattern = containsPattern(query.q);
    conditions.push(or(ilike(tenants.name, pattern), ilike(tenants.subdomain, pattern), ilike(tenants.customDomain, pattern))!);
  }
  if (query.status) conditions.push(eq(tenants.isActive, query.status === 'active'));
  if (query.plan) conditions.push(eq(tenants.plan, query.plan));
  const [rows, [counts]] = await Promise.all([
    db
      .select()
      .from(tenants)
      .where(and(...conditions))
      .orderBy(asc(tenants.name)),
    db
      .select({
        total: count(),
        active: sql<number>`count(*) filter (where ${tenants.isActive})`.mapWith(Number),
        premium: sql<number>`count(*) filter (where ${tenants.plan} = 'premium')`.mapWith(Number),
      })
      .from(tenants),
  ]);
  return {
    query,
    rows,
    counts: { total: counts?.total ?? 0, active: counts?.active ?? 0, inactive: (counts?.total ?? 0) - (counts?.active ?? 0), premium: counts?.premium ?? 0 },
  };
}

export async function getTenantForAdmin(tenantId: string): Promise<Tenant> {
  if (!isUuid(tenantId)) throw new AppError('NOT_FOUND', 'There is no such tenant.');
  const db = await platformDb();
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw new AppError('NOT_FOUND', 'There is no such tenant.');
  return tenant;
}

const isUniqueViolation = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
};

const subdomainTaken = () =>
  new AppError('VALIDATION_FAILED', 'Please check the form.', { details: { fieldErrors: { subdomain: 'This subdomain is already taken.' } } });

/**
 * A new shop, live on `<subdomain>.<root>` at once, and an owner invitation to its dashboard. The row,
 * the invitation and the audit line are one transaction; the email goes once they are committed.
 */
export async function createTenant(admin: AdminActor, raw: unknown): Promise<Tenant> {
  const parsed = createTenantSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const input = parsed.data;
  const db = await platformDb();
  const [existing] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.subdomain, input.subdomain));
  if (existing) throw subdomainTaken();
  const b2c = input.salesMode === 'b2c';
  let created: { tenant: Tenant; invitation: { invitationId: string; token: string } };
  try {
    created = await db.transaction(async (tx) => {
      const [tenant] = await tx
        .insert(tenants)
        .values({
          name: input.name,
          subdomain: input.subdomain,
          salesMode: input.salesMode,
          countryCode: input.countryCode,
          currency: input.currency,
          vatRateBp: input.vatRate,
          // A consumer shop takes orders from anybody; a trade shop checks its buyers first.
          vatNumberRequired: !b2c,
          approvalRequired: !b2c,
          fromEmailAddress: tenantSenderAddress({ name: input.name, subdomain: input.subdomain }).address,
        })
        .returning();
      const invitation = await createOwnerInvitation(tx, tenant!.id, input.ownerEmail, admin);
      await writePlatformAudit(tx, admin, 'tenant.created', tenant!.id, {
        name: input.name,
        subdomain: input.subdomain,
        salesMode: input.salesMode,
        countryCode: input.countryCode,
        vatRateBp: input.vatRate,
        ownerEmail: input.ownerEmail,
      });
      return { tenant: tenant!, invitation };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw subdomainTaken();
    throw error;
  }
  await announceTenantChange(created.tenant.id); // a cached "unknown host" for this subdomain goes too
  await sendOwnerInvitation(created.tenant, input.ownerEmail, created.invitation);
  log.info({ tenantId: created.tenant.id, adminId: admin.id }, 'tenant created');
  return created.tenant;
}

/** Writes a tenant change with its audit line, then makes every instance forget its copy of the tenant. */
export async function updateTenant(
  admin: AdminActor,
  tenantId: string,
  action: string,
  changes: Partial<typeof tenants.$inferInsert>,
  details: Record<string, unknown>,
) {
  const db = await platformDb();
  const tenant = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(tenants)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(tenants.id, tenantId))
      .returning();
    if (!row) throw new AppError('NOT_FOUND', 'There is no such tenant.');
    await writePlatformAudit(tx, admin, action, tenantId, details);
    return row;
  });
  // The tenants trigger bumped its version in the transaction; this instance reads it now, the others within a poll.
  await announceTenantChange(tenantId);
  return tenant;
}

export async function updateTenantSettings(admin: AdminActor, tenantId: string, raw: unknown): Promise<Tenant> {
  const parsed = tenantSettingsSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const { vatRate, ...rest } = parsed.data;
  const changes = { ...rest, vatRateBp: vatRate };
  return updateTenant(admin, tenantId, 'tenant.settings_changed', changes, changes);
}

/** Deactivating takes the storefront (and its dashboard) offline on the next request; activating brings it back. */
export async function setTenantActive(admin: AdminActor, tenantId: string, isActive: boolean): Promise<Tenant> {
  return updateTenant(admin, tenantId, isActive ? 'tenant.activated' : 'tenant.deactivated', { isActive }, { isActive });
}

/**
 * The plan is a label for queue priority and fairness; where the tenant's data lives is a separate,
 * deliberate move, never a side effect of the plan.
 */
export async function setTenantPlan(admin: AdminActor, tenantId: string, raw: unknown): Promise<Tenant> {
  const parsed = tenantPlanSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'Choose standard or premium.');
  const before = await getTenantForAdmin(tenantId);
  return updateTenant(admin, tenantId, 'tenant.plan_changed', { plan: parsed.data }, { from: before.plan, to: parsed.data });
}

/** The console's choice "no override": the tenant's events follow its plan's pool. */
export const FOLLOW_PLAN_POOL = '(plan)';

/**
 * Pins the tenant's workflow events to one configured pool (a dedicated pool, or `shared` for a premium
 * shop that must leave its pool), or clears the pin (`''` or `FOLLOW_PLAN_POOL`) so its plan decides
 * again. Counts for the next event the relay publishes, on every instance; runs already started finish
 * in their pool. Only a pool of the configuration is accepted: events must never go to an app nobody serves.
 */
export async function setTenantWorkflowPool(admin: AdminActor, tenantId: string, raw: unknown): Promise<Tenant> {
  const value = typeof raw === 'string' ? raw.trim() : raw;
  const { pools } = workflowPoolConfig();
  const workflowPool = value === '' || value === FOLLOW_PLAN_POOL || value === null || value === undefined ? null : value;
  if (workflowPool !== null && (typeof workflowPool !== 'string' || !pools.includes(workflowPool))) {
    throw new AppError('VALIDATION_FAILED', 'Please check the form.', {
      details: { fieldErrors: { workflowPool: `Choose one of the configured pools: ${pools.join(', ')}.` } },
    });
  }
  const before = await getTenantForAdmin(tenantId);
  return updateTenant(admin, tenantId, 'tenant.workflow_pool_changed', { workflowPool }, { from: before.workflowPool, to: workflowPool });
}

/** Every tenant by name, for the console's "Tenant" filters. */
export async function listTenantChoices(): Promise<{ id: string; name: string }[]> {
  const db = await platformDb();
  return db.select({ id: tenants.id, name: tenants.name }).from(tenants).orderBy(asc(tenants.name));
}
