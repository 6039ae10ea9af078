import { sql } from 'drizzle-orm';
import { index, jsonb, pgEnum, pgPolicy, pgRole, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('customers_tenant_email_key').on(t.tenantId, sql`lower(${t.email})`),
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

export type Customer = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;
export type AuditEntry = typeof auditLog.$inferSelect;
