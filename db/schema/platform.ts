import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const tenantPlan = pgEnum('tenant_plan', ['standard', 'premium']);
export const salesMode = pgEnum('sales_mode', ['b2b', 'b2c']);
export const staffRole = pgEnum('staff_role', ['super_admin', 'staff']);
export const membershipRole = pgEnum('membership_role', ['owner', 'manager']);
export const sandboxWarehouseBehaviour = pgEnum('sandbox_warehouse_behaviour', ['succeed', 'fail_temporarily', 'fail_permanently']);

/** Auto-approval rules as stored; validated by lib/registration when written. */
export type AutoApprovalRules = {
  valid_vat?: boolean;
  country?: string[];
  temporary_days?: number;
};

export const tenants = pgTable(
  'tenants',
  {
    id: uuid().primaryKey().defaultRandom(),
    subdomain: text().notNull(),
    customDomain: text(),
    name: text().notNull(),
    tagline: text(),
    logoUrl: text(),
    primaryColor: text().notNull().default('#1f2937'),
    accentColor: text().notNull().default('#f59e0b'),
    plan: tenantPlan().notNull().default('standard'),
    isActive: boolean().notNull().default(true),
    salesMode: salesMode().notNull().default('b2b'),
    currency: text().notNull().default('EUR'),
    /** VAT rate in basis points (2100 = 21 %), used to show B2C prices incl. VAT. */
    vatRateBp: integer().notNull().default(2100),
    countryCode: text().notNull().default('BE'),
    /** IANA time zone the shop's times are shown in (orders, emails) and its calendar days are counted in. */
    timeZone: text().notNull().default('Europe/Brussels'),
    vatNumberRequired: boolean().notNull().default(true),
    approvalRequired: boolean().notNull().default(true),
    autoApprovalEnabled: boolean().notNull().default(false),
    autoApprovalRules: jsonb().$type<AutoApprovalRules>(),
    fromEmailAddress: text().notNull(),
    paymentTimeoutMinutes: integer().notNull().default(30),
    /** How the built-in sandbox warehouse answers this shop's fulfilment requests (development and demos). */
    sandboxWarehouseBehaviour: sandboxWarehouseBehaviour().notNull().default('succeed'),
    /** With `fail_temporarily`: how many attempts of each request fail before one succeeds. */
    sandboxWarehouseTemporaryFailures: integer().notNull().default(2),
    /** DNS TXT value proving the custom domain is the tenant's; null when no domain is pending. */
    customDomainVerificationToken: text(),
    /** When the custom domain was proven by DNS; only verified domains get TLS and traffic. */
    customDomainVerifiedAt: timestamp({ withTimezone: true }),
    /**
     * What the super admin lets this shop choose from (ids per axis); null on an axis = the whole catalog.
     * The shop's own visibility rules must stay inside it.
     */
    visibilityScope: jsonb().$type<{ brands?: number[]; categories?: number[]; vehicleBrands?: number[] }>(),
    /** Loyalty: points earned per whole euro (net) of a paid order; 0 turns earning off. */
    loyaltyPointsPerEuro: integer().notNull().default(1),
    /** Loyalty: what one point takes off at checkout, in cents; 0 turns redeeming off. */
    loyaltyPointValueCents: integer().notNull().default(1),
    /**
     * Name of the dedicated database connection holding this tenant's plane, or null for the shared
     * default. Resolved to a URL by lib/db-routing; code never branches on `plan`.
     */
    dedicatedDatabase: text(),
    /**
     * The workflow pool this tenant's events run in, set by the super admin; null = its plan's pool
     * (`WORKFLOW_PLAN_POOLS`, see inngest/pools.ts). Read by the outbox relay at publish time.
     */
    workflowPool: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tenants_subdomain_key').on(t.subdomain),
    uniqueIndex('tenants_custom_domain_key').on(t.customDomain),
    check('tenants_subdomain_format', sql`${t.subdomain} ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'`),
    check('tenants_vat_rate_range', sql`${t.vatRateBp} between 0 and 10000`),
    check('tenants_payment_timeout_range', sql`${t.paymentTimeoutMinutes} between 1 and 10080`),
    check('tenants_sandbox_warehouse_failures', sql`${t.sandboxWarehouseTemporaryFailures} between 0 and 20`),
    check('tenants_workflow_pool_format', sql`${t.workflowPool} ~ '^[a-z0-9]([a-z0-9-]{0,28}[a-z0-9])?$'`),
    check('tenants_loyalty_rates', sql`${t.loyaltyPointsPerEuro} between 0 and 100 and ${t.loyaltyPointValueCents} between 0 and 100`),
  ],
);

export const staffUsers = pgTable(
  'staff_users',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text(),
    /** Sessions signed in before this moment are no longer honoured (set when the password changes). */
    passwordChangedAt: timestamp({ withTimezone: true }),
    role: staffRole().notNull().default('staff'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('staff_users_email_key').on(sql`lower(${t.email})`)],
);

export const tenantMemberships = pgTable(
  'tenant_memberships',
  {
    staffUserId: uuid()
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    role: membershipRole().notNull().default('owner'),
  },
  (t) => [primaryKey({ columns: [t.staffUserId, t.tenantId] }), index('tenant_memberships_tenant_idx').on(t.tenantId)],
);

/**
 * Fixed-window counters for rate limits (sign-in attempts, reset requests). In the database, not in
 * process memory, so the limit holds across every instance behind the load balancer.
 */
export const rateLimitBuckets = pgTable('rate_limit_buckets', {
  key: text().primaryKey(),
  windowStart: timestamp({ withTimezone: true }).notNull(),
  hits: integer().notNull(),
});

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Files a shop uploads (its logo), in the platform database so that every instance serves the same
 * bytes without shared disk; small by rule (the upload checks type and size).
 */
export const tenantAssets = pgTable(
  'tenant_assets',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    contentType: text().notNull(),
    bytes: bytea().notNull(),
    /** Hex SHA-256 of the bytes: the cache-busting version in the asset's URL, and its ETag. */
    sha256: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind] }), check('tenant_assets_kind', sql`${t.kind} in ('logo')`)],
);

/** An owner's invitation to join the shop's staff; the link carries a token whose hash is kept here. */
export const staffInvitations = pgTable(
  'staff_invitations',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    role: membershipRole().notNull().default('manager'),
    tokenHash: text().notNull(),
    invitedBy: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('staff_invitations_token_key').on(t.tokenHash), index('staff_invitations_tenant_idx').on(t.tenantId, t.createdAt)],
);

/** Everything the platform's operators do, with who, what and when; never updated, never deleted. */
export const platformAuditLog = pgTable(
  'platform_audit_log',
  {
    id: uuid().primaryKey().defaultRandom(),
    actor: text().notNull(),
    action: text().notNull(),
    tenantId: uuid().references(() => tenants.id, { onDelete: 'set null' }),
    details: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('platform_audit_log_created_idx').on(t.createdAt), index('platform_audit_log_tenant_idx').on(t.tenantId, t.createdAt)],
);

export const tenantMoveStatus = pgEnum('tenant_move_status', ['copying', 'verifying', 'switched', 'failed']);

/**
 * Moves of a tenant's plane between databases (shared → dedicated): where it stands, so a move that was
 * interrupted can be resumed or rerun, and what was verified.
 */
export const tenantMoves = pgTable(
  'tenant_moves',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    fromConnection: text().notNull(),
    toConnection: text().notNull(),
    status: tenantMoveStatus().notNull().default('copying'),
    /** Per table: rows and checksum on both sides, as verified. */
    verification: jsonb().$type<Record<string, unknown>>(),
    error: text(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('tenant_moves_tenant_idx').on(t.tenantId, t.startedAt)],
);

export type Tenant = typeof tenants.$inferSelect;
export type NewTenant = typeof tenants.$inferInsert;

/**
 * The platform read model: one row per order and per customer of every tenant, in the default database,
 * for the operators' console (lib/platform-read-model/cross-tenant.ts). Kept current from the outbox by
 * lib/platform-read-model/projector.ts; never written by a request. `version` is the change's moment in
 * microseconds (set by the trigger that announced it): an upsert only replaces an older version, so a
 * replayed or late event cannot take a row back. Not readable by `storefleet_app` (migration): code in a
 * tenant's context must not see other tenants' rows here. See docs/platform-read-model.md.
 */
export const platformOrders = pgTable(
  'platform_orders',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    orderId: uuid().notNull(),
    number: integer().notNull(),
    status: text().notNull(),
    customerId: uuid().notNull(),
    grossCents: integer().notNull(),
    currency: text().notNull(),
    placedAt: timestamp({ withTimezone: true }).notNull(),
    version: bigint({ mode: 'number' }).notNull(),
    projectedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.orderId] }),
    index('platform_orders_placed_idx').on(t.placedAt),
    index('platform_orders_tenant_placed_idx').on(t.tenantId, t.placedAt),
  ],
);

export const platformCustomers = pgTable(
  'platform_customers',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    customerId: uuid().notNull(),
    name: text().notNull(),
    email: text().notNull(),
    companyName: text(),
    status: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    version: bigint({ mode: 'number' }).notNull(),
    projectedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.customerId] }),
    index('platform_customers_created_idx').on(t.createdAt),
    index('platform_customers_tenant_created_idx').on(t.tenantId, t.createdAt),
  ],
);

/**
 * Per database, the moment up to which its announced changes are in the read model: the start of the
 * last projector run that found nothing more to project there. The console shows the oldest of the
 * databases it lists ("changes up to …").
 */
export const platformReadModelState = pgTable('platform_read_model_state', {
  connectionName: text().primaryKey(),
  caughtUpAt: timestamp({ withTimezone: true }).notNull(),
});

export type PlatformOrder = typeof platformOrders.$inferSelect;
export type PlatformCustomer = typeof platformCustomers.$inferSelect;
