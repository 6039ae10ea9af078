import { rowsOf } from '@/db/rows';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, platformDb, type TestDatabases } from './support/test-database';

/** Platform-plane tables that carry a tenant_id as configuration, not as tenant-owned data. */
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
      select c.relname as table, c.relrowsecurity as rls,
        exists (select 1 from pg_policies p where p.tablename = c.relname and 'storefleet_app' = any(p.roles)) as has_policy
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
      where c.relkind = 'r'
      order by c.relname`);
    const rows = rowsOf<{ table: string; rls: boolean; has_policy: boolean }>(result);
    const tenantPlane = rows.filter((r) => !PLATFORM_TABLES_WITH_TENANT_ID.has(r.table));
    expect(tenantPlane.map((r) => r.table)).toContain('customers');
    for (const row of tenantPlane) expect({ table: row.table, rls: row.rls, policy: row.has_policy }).toEqual({ table: row.table, rls: true, policy: true });
  });
});
