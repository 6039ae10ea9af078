import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgPolicy,
  pgRole,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The role every tenant-plane query runs as (see db/with-tenant.ts). It is created by a hand-written
 * migration because roles are cluster-wide and the same cluster may host several tenant databases.
 */
export const appRole = pgRole('storefleet_app').existing();

/** Rows are visible only while `app.tenant_id` is set to their tenant; no context → no rows. */
const tenantIsolation = (table: string) =>
  pgPolicy(`${table}_tenant_isolation`, {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: sql`tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`,
    withCheck: sql`tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`,
  });

export const customerStatus = pgEnum('customer_status', ['pending_approval', 'active', 'rejected']);
export const approvalType = pgEnum('approval_type', ['manual', 'auto', 'open']);
/** What the VAT check said at registration: offline checksum and, when enabled, the VIES registry. */
export const vatCheckResult = pgEnum('vat_check_result', ['valid', 'invalid', 'unavailable', 'not_checked']);

export const customers = pgTable(
  'customers',
  {
    id: uuid().primaryKey().defaultRandom(),
    // No foreign key to tenants: a dedicated tenant database does not hold the platform plane's rows.
    tenantId: uuid().notNull(),
    email: text().notNull(),
    name: text().notNull(),
    companyName: text(),
    vatNumber: text(),
    countryCode: text(),
    status: customerStatus().notNull().default('pending_approval'),
    passwordHash: text(),
    /** Sessions signed in before this moment are no longer honoured (set when the password changes). */
    passwordChangedAt: timestamp({ withTimezone: true }),
    phone: text(),
    vatCheck: vatCheckResult().notNull().default('not_checked'),
    approvalType: approvalType(),
    approvedAt: timestamp({ withTimezone: true }),
    /** An auto-approval may be temporary: past this moment the account is pending review again. */
    approvalExpiresAt: timestamp({ withTimezone: true }),
    /** Why the account waits for a person, e.g. `vat_registry_unavailable`. */
    reviewReason: text(),
    /** Customer-specific margin on top of the tenant price in basis points; negative is a discount. */
    marginBp: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('customers_tenant_email_key').on(t.tenantId, sql`lower(${t.email})`),
    // Target of the (tenant_id, customer_id) foreign keys below: a child row can only point at a
    // customer of its own tenant (foreign-key checks are not subject to row-level security).
    uniqueIndex('customers_tenant_id_key').on(t.tenantId, t.id),
    tenantIsolation('customers'),
  ],
).enableRLS();

export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    actor: text().notNull(),
    action: text().notNull(),
    details: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_tenant_created_idx').on(t.tenantId, t.createdAt), tenantIsolation('audit_log')],
).enableRLS();

export const customerAddresses = pgTable(
  'customer_addresses',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    customerId: uuid().notNull(),
    label: text(),
    recipient: text().notNull(),
    line1: text().notNull(),
    line2: text(),
    postalCode: text().notNull(),
    city: text().notNull(),
    countryCode: text().notNull(),
    isDefault: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('customer_addresses_customer_idx').on(t.tenantId, t.customerId),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }).onDelete('cascade'),
    tenantIsolation('customer_addresses'),
  ],
).enableRLS();

/** Single-use password reset tokens; only a hash of the token is stored. */
export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    customerId: uuid().notNull(),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('password_reset_tokens_hash_key').on(t.tenantId, t.tokenHash),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }).onDelete('cascade'),
    tenantIsolation('password_reset_tokens'),
  ],
).enableRLS();

/** Every email sent (or, without a provider, only logged) on behalf of a tenant. */
export const sentEmails = pgTable(
  'sent_emails',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    /** Makes a retried send a no-op: one row, one provider call, per key and tenant. */
    idempotencyKey: text().notNull(),
    template: text().notNull(),
    toAddress: text().notNull(),
    fromAddress: text().notNull(),
    replyTo: text(),
    subject: text().notNull(),
    html: text().notNull(),
    textBody: text().notNull(),
    /** `resend` when handed to the provider, `log` when only recorded (no API key configured). */
    transport: text().notNull(),
    providerMessageId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sent_emails_idempotency_key').on(t.tenantId, t.idempotencyKey),
    index('sent_emails_tenant_created_idx').on(t.tenantId, t.createdAt),
    tenantIsolation('sent_emails'),
  ],
).enableRLS();

export type Customer = typeof customers.$inferSelect;
export type CustomerAddress = typeof customerAddresses.$inferSelect;
export type SentEmail = typeof sentEmails.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;
export type AuditEntry = typeof auditLog.$inferSelect;

/** One open cart per customer. Prices are re-resolved on every change and at checkout. */
export const carts = pgTable(
  'carts',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    customerId: uuid().notNull(),
    /** The coupon the buyer applied at checkout, kept until the order or until removed; re-checked when the order is placed. */
    couponCode: text(),
    /** Whether the buyer chose to spend their loyalty points on this cart. */
    useLoyaltyPoints: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('carts_tenant_customer_key').on(t.tenantId, t.customerId),
    uniqueIndex('carts_tenant_id_key').on(t.tenantId, t.id),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }).onDelete('cascade'),
    tenantIsolation('carts'),
  ],
).enableRLS();

export const cartItems = pgTable(
  'cart_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    cartId: uuid().notNull(),
    // No foreign key: the catalog lives in the platform database, a dedicated tenant database has none.
    articleId: integer().notNull(),
    quantity: integer().notNull(),
    /** The customer's unit price (net, cents) when last confirmed, to flag a price change since. */
    confirmedUnitPriceCents: integer().notNull(),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cart_items_cart_article_key').on(t.tenantId, t.cartId, t.articleId),
    foreignKey({ columns: [t.tenantId, t.cartId], foreignColumns: [carts.tenantId, carts.id] }).onDelete('cascade'),
    check('cart_items_quantity_range', sql`${t.quantity} between 1 and 999`),
    tenantIsolation('cart_items'),
  ],
).enableRLS();

/**
 * Payment provider webhooks as received. Deduplicated per (provider, provider event id, tenant): the
 * same event id at two tenants is two events. The tenant may be null where tenancy does not demand one.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid(),
    provider: text().notNull(),
    providerEventId: text().notNull(),
    eventType: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
    replayCount: integer().notNull().default(0),
  },
  (t) => [unique('webhook_events_dedup_key').on(t.provider, t.providerEventId, t.tenantId).nullsNotDistinct(), tenantIsolation('webhook_events')],
).enableRLS();

/**
 * Events to publish after commit. Written in the same transaction as the change they announce; the
 * relay publishes each under its stable `eventId`, so a retry can never become a second event.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid(),
    eventId: text().notNull(),
    eventName: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /**
     * When the platform read model took this row in (lib/platform-read-model/projector.ts): its own
     * marker, apart from `publishedAt`, so projecting and relaying never wait for or undo each other.
     * Only `platform/…` rows are projected; the others keep null.
     */
    projectedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('outbox_event_id_key').on(t.eventId),
    index('outbox_unpublished_idx').on(t.createdAt).where(sql`${t.publishedAt} is null`),
    index('outbox_unprojected_idx').on(t.createdAt).where(sql`${t.projectedAt} is null and ${t.eventName} like 'platform/%'`),
    tenantIsolation('outbox'),
  ],
).enableRLS();

export type Cart = typeof carts.$inferSelect;
export type CartItem = typeof cartItems.$inferSelect;
export type WebhookEvent = typeof webhookEvents.$inferSelect;
export type OutboxEntry = typeof outbox.$inferSelect;

export const orderStatus = pgEnum('order_status', ['awaiting_payment', 'paid', 'fulfilling', 'fulfilled', 'cancelled', 'refunded']);
export const paymentMethod = pgEnum('payment_method', ['card', 'invoice']);
export const vatTreatment = pgEnum('vat_treatment', ['domestic', 'reverse_charge', 'consumer']);

/** The address an order ships to, copied at checkout: later edits to the address book change nothing. */
export type AddressSnapshot = { recipient: string; line1: string; line2?: string | null; postalCode: string; city: string; countryCode: string };

/** Per-tenant order number sequence, in the tenant's own database. */
export const orderCounters = pgTable(
  'order_counters',
  {
    tenantId: uuid().primaryKey(),
    lastNumber: integer().notNull().default(0),
  },
  () => [tenantIsolation('order_counters')],
).enableRLS();

export const orders = pgTable(
  'orders',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    customerId: uuid().notNull(),
    number: integer().notNull(),
    status: orderStatus().notNull().default('awaiting_payment'),
    paymentMethod: paymentMethod().notNull(),
    vatTreatment: vatTreatment().notNull(),
    /** The VAT rate charged (basis points), to show a consumer's lines incl. VAT as they were sold; null on older orders. */
    vatRateBp: integer(),
    currency: text().notNull(),
    netCents: integer().notNull(),
    vatCents: integer().notNull(),
    grossCents: integer().notNull(),
    shippingAddress: jsonb().$type<AddressSnapshot>().notNull(),
    customerReference: text(),
    /** The coupon applied at checkout and what it took off the net total (cents). */
    couponCode: text(),
    discountNetCents: integer().notNull().default(0),
    /** Loyalty points spent on this order, and what they took off (net cents, included in discountNetCents). */
    loyaltyPointsRedeemed: integer().notNull().default(0),
    /** One order per checkout attempt: a double submit finds the order the first one made. */
    idempotencyKey: text().notNull(),
    placedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orders_tenant_number_key').on(t.tenantId, t.number),
    uniqueIndex('orders_tenant_idempotency_key').on(t.tenantId, t.idempotencyKey),
    uniqueIndex('orders_tenant_id_key').on(t.tenantId, t.id),
    index('orders_customer_idx').on(t.tenantId, t.customerId, t.placedAt),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    check('orders_amounts', sql`${t.netCents} >= 0 and ${t.vatCents} >= 0 and ${t.grossCents} = ${t.netCents} + ${t.vatCents}`),
    tenantIsolation('orders'),
  ],
).enableRLS();

/** Lines are snapshots: name, SKU and price as sold, whatever the catalog says later. */
export const orderLines = pgTable(
  'order_lines',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    orderId: uuid().notNull(),
    articleId: integer().notNull(),
    sku: text().notNull(),
    name: text().notNull(),
    quantity: integer().notNull(),
    unitNetCents: integer().notNull(),
    lineNetCents: integer().notNull(),
  },
  (t) => [
    index('order_lines_order_idx').on(t.tenantId, t.orderId),
    foreignKey({ columns: [t.tenantId, t.orderId], foreignColumns: [orders.tenantId, orders.id] }).onDelete('cascade'),
    check('order_lines_quantity', sql`${t.quantity} > 0`),
    tenantIsolation('order_lines'),
  ],
).enableRLS();

/** What happened to an order, in order: the customer's and the shop's timeline. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    orderId: uuid().notNull(),
    type: text().notNull(),
    details: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('order_events_order_idx').on(t.tenantId, t.orderId, t.createdAt),
    foreignKey({ columns: [t.tenantId, t.orderId], foreignColumns: [orders.tenantId, orders.id] }).onDelete('cascade'),
    tenantIsolation('order_events'),
  ],
).enableRLS();

export type Order = typeof orders.$inferSelect;
export type OrderLine = typeof orderLines.$inferSelect;
export type OrderEvent = typeof orderEvents.$inferSelect;

/** `voided`: replaced by a newer attempt, or no longer needed (the order was paid or cancelled). */
export const paymentStatus = pgEnum('payment_status', ['pending', 'captured', 'failed', 'refunded', 'voided']);

/**
 * A payment attempt for an order at a provider; its status follows the provider's webhooks. At most one
 * payment settles an order (`settles_order`, a partial unique index): any other capture is refunded.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    orderId: uuid().notNull(),
    provider: text().notNull(),
    status: paymentStatus().notNull().default('pending'),
    amountCents: integer().notNull(),
    currency: text().notNull(),
    /** The capture (or invoice payment) that paid the order; set in the same transaction as `paid`. */
    settlesOrder: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payments_order_idx').on(t.tenantId, t.orderId),
    uniqueIndex('payments_order_settled_key').on(t.tenantId, t.orderId).where(sql`${t.settlesOrder}`),
    foreignKey({ columns: [t.tenantId, t.orderId], foreignColumns: [orders.tenantId, orders.id] }).onDelete('cascade'),
    check('payments_amount_positive', sql`${t.amountCents} > 0`),
    tenantIsolation('payments'),
  ],
).enableRLS();

export type Payment = typeof payments.$inferSelect;

export const couponKind = pgEnum('coupon_kind', ['percent', 'fixed']);

/** A tenant's discount codes: percentage or fixed amount, with a window, limits and a minimum order. */
export const coupons = pgTable(
  'coupons',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    /** Stored upper-case; buyers may type it in any case. */
    code: text().notNull(),
    kind: couponKind().notNull(),
    /** Percent coupons: basis points off (1000 = 10 %). */
    percentBp: integer(),
    /** Fixed coupons: cents off, in the shop's currency (off the net total in B2B, the total paid in B2C). */
    amountCents: integer(),
    minOrderNetCents: integer().notNull().default(0),
    validFrom: timestamp({ withTimezone: true }).notNull().defaultNow(),
    validUntil: timestamp({ withTimezone: true }),
    maxRedemptions: integer(),
    maxPerCustomer: integer(),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('coupons_tenant_code_key').on(t.tenantId, t.code),
    uniqueIndex('coupons_tenant_id_key').on(t.tenantId, t.id),
    check('coupons_value', sql`(${t.kind} = 'percent' and ${t.percentBp} between 1 and 10000) or (${t.kind} = 'fixed' and ${t.amountCents} > 0)`),
    tenantIsolation('coupons'),
  ],
).enableRLS();

export const couponRedemptions = pgTable(
  'coupon_redemptions',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    couponId: uuid().notNull(),
    customerId: uuid().notNull(),
    orderId: uuid().notNull(),
    discountNetCents: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('coupon_redemptions_order_key').on(t.tenantId, t.orderId),
    index('coupon_redemptions_coupon_idx').on(t.tenantId, t.couponId, t.customerId),
    foreignKey({ columns: [t.tenantId, t.couponId], foreignColumns: [coupons.tenantId, coupons.id] }),
    foreignKey({ columns: [t.tenantId, t.orderId], foreignColumns: [orders.tenantId, orders.id] }).onDelete('cascade'),
    tenantIsolation('coupon_redemptions'),
  ],
).enableRLS();

export type Coupon = typeof coupons.$inferSelect;

/**
 * Loyalty points per customer and shop, as a ledger: earned on paid orders (positive), spent at
 * checkout (negative), returned when an unpaid order is cancelled (positive), and the earned points
 * reversed when a paid order is refunded (negative). The balance is the sum. One entry per order and reason, so a replayed payment
 * event cannot earn twice.
 */
export const loyaltyLedger = pgTable(
  'loyalty_ledger',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    customerId: uuid().notNull(),
    orderId: uuid().notNull(),
    reason: text().notNull(),
    points: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('loyalty_ledger_order_reason_key').on(t.tenantId, t.orderId, t.reason),
    index('loyalty_ledger_customer_idx').on(t.tenantId, t.customerId),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }).onDelete('cascade'),
    check('loyalty_ledger_reason', sql`${t.reason} in ('earned', 'redeemed', 'returned', 'reversed')`),
    tenantIsolation('loyalty_ledger'),
  ],
).enableRLS();

/** Money given back on a captured payment. One row per idempotency key: a retried refund finds it. */
export const refunds = pgTable(
  'refunds',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    orderId: uuid().notNull(),
    paymentId: uuid().notNull(),
    provider: text().notNull(),
    providerRefundId: text().notNull(),
    amountCents: integer().notNull(),
    currency: text().notNull(),
    reason: text().notNull(),
    idempotencyKey: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('refunds_tenant_idempotency_key').on(t.tenantId, t.idempotencyKey),
    index('refunds_order_idx').on(t.tenantId, t.orderId),
    foreignKey({ columns: [t.tenantId, t.orderId], foreignColumns: [orders.tenantId, orders.id] }).onDelete('cascade'),
    check('refunds_amount_positive', sql`${t.amountCents} > 0`),
    tenantIsolation('refunds'),
  ],
).enableRLS();

/** How an order left the warehouse; at most one per order. */
export const shipments = pgTable(
  'shipments',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    orderId: uuid().notNull(),
    warehouse: text().notNull(),
    carrier: text().notNull(),
    trackingNumber: text().notNull(),
    trackingUrl: text(),
    shippedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('shipments_tenant_order_key').on(t.tenantId, t.orderId),
    foreignKey({ columns: [t.tenantId, t.orderId], foreignColumns: [orders.tenantId, orders.id] }).onDelete('cascade'),
    tenantIsolation('shipments'),
  ],
).enableRLS();

/**
 * The sandbox warehouse's own memory of the requests it received, so that "fail temporarily" can fail a
 * request a set number of times and a repeated request gets the same parcel.
 */
export const sandboxWarehouseRequests = pgTable(
  'sandbox_warehouse_requests',
  {
    tenantId: uuid().notNull(),
    idempotencyKey: text().notNull(),
    attempts: integer().notNull().default(0),
    trackingNumber: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.idempotencyKey] }), tenantIsolation('sandbox_warehouse_requests')],
).enableRLS();

export type Refund = typeof refunds.$inferSelect;
export type Shipment = typeof shipments.$inferSelect;

/**
 * Versions of what caches hold, one row per scope (a tenant id, or `*` for the shared catalog), in every
 * database: the default one and each dedicated one. Triggers bump a scope's row in the same transaction as
 * the change (migration 0018), so a committed change is never without its bump and a
 * rolled-back one never has one. `changedSeq` is the id of the transaction that last bumped the row: a
 * reader that remembers its snapshot's oldest running transaction re-reads only rows that may have changed
 * since (lib/cache/cache-versions.ts). No row-level security: scopes and counters say nothing about a
 * tenant's data, and every instance must read every scope.
 */
export const cacheVersions = pgTable(
  'cache_versions',
  {
    scope: text().primaryKey(),
    version: bigint({ mode: 'number' }).notNull(),
    changedSeq: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [index('cache_versions_changed_seq_idx').on(t.changedSeq)],
);
