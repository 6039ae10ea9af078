import { rowsOf } from '@/db/rows';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, platformDb, type TestDatabases } from './support/test-database';

/** Platform-plane tables that carry a tenant_id as configuration or for the operators, not as tenant-owned data. */
const PLATFORM_TABLES_WITH_TENANT_ID = new Set([
  'tenant_memberships',
  'tenant_assets',
  'platform_audit_log',
  'tenant_moves',
  'staff_invitations',
  'tenant_visible_brands',
  'tenant_visible_categories',
  'tenant_visible_vehicle_brands',
  'tenant_article_prices',
  'tenant_catalog_summaries',
  // The platform read model: every tenant's rows for the operators, not readable by storefleet_app at all.
  'platform_orders',
  'platform_customers',
]);

let dbs: TestDatabases;
beforeAll(async () => {
  dbs = await createTestDatabases();
});
afterAll(async () => dbs.cleanup());

describe('row-level security coverage', () => {
  it('protects every tenant-plane table with RLS and a policy for the application role', async () => {
    const db = await platformDb(dbs.registry);
    const result = await db.execute(sql`
      select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
        exists (select 1 from pg_policies p where p.tablename = c.relname and 'storefleet_app' = any(p.roles)) as has_policy
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
      where c.relkind = 'r'
      order by c.relname`);
    const rows = rowsOf<{ table: string; rls: boolean; forced: boolean; has_policy: boolean }>(result);
    const tenantPlane = rows.filter((r) => !PLATFORM_TABLES_WITH_TENANT_ID.has(r.table));
    expect(tenantPlane.map((r) => r.table)).toContain('customers');
    for (const row of tenantPlane) {
      expect({ table: row.table, rls: row.rls, forced: row.forced, policy: row.has_policy }).toEqual({
        table: row.table,
        rls: true,
        forced: true,
        policy: true,
      });
    }
    expect(tenantPlane.length).toBeGreaterThanOrEqual(20);
  });

  it('hides every tenant row from a table owner who forgot the tenant context, and other tenants’ rows from one who named it', async () => {
    const db = await platformDb(dbs.registry);
    const tenantA = '00000000-0000-4000-8000-00000000000a';
    const tenantB = '00000000-0000-4000-8000-00000000000b';
    await db.execute(sql`insert into customers (tenant_id, email, name) values (${tenantA}, 'a@a.test', 'A'), (${tenantB}, 'b@b.test', 'B')`);
    await db.execute(
      sql`do $$ begin if not exists (select 1 from pg_roles where rolname = 'rls_probe_owner') then create role rls_probe_owner nosuperuser nobypassrls; end if; end $$`,
    );
    await db.execute(sql`alter table customers owner to rls_probe_owner`);
    // Policies are written for storefleet_app; an owner in that role sees exactly the tenant it names.
    await db.execute(sql`grant storefleet_app to rls_probe_owner`);
    try {
      const count = async (tenant: string | null) =>
        db.transaction(async (tx) => {
          await tx.execute(sql`set local role rls_probe_owner`);
          if (tenant) await tx.execute(sql`select set_config('app.tenant_id', ${tenant}, true)`);
          const [row] = rowsOf<{ emails: string | null }>(await tx.execute(sql`select string_agg(email, ',' order by email) as emails from customers`));
          return row?.emails ?? null;
        });
      expect(await count(null)).toBeNull();
      expect(await count(tenantA)).toBe('a@a.test');
      expect(await count(tenantB)).toBe('b@b.test');
    } finally {
      await db.execute(sql`alter table customers owner to current_user`);
    }
  });
});
