import { rowsOf } from '@/db/rows';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, tenants } from '@/db/schema';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { connectionNameForTenant, forgetAllTenants } from '@/lib/tenancy/tenant-directory';
import { createTestDatabases, platformDb, type TestDatabases } from './support/test-database';

let dbs: TestDatabases;
const ids: Record<'bigcorp' | 'acme' | 'consumer', string> = { bigcorp: '', acme: '', consumer: '' };

async function customerEmailsIn(connectionName: string): Promise<string[]> {
  const { db } = await dbs.registry.get(connectionName);
  // Read as the table owner, below row-level security, to see where rows physically live.
  const rows = await db.select({ email: customers.email }).from(customers).orderBy(customers.email);
  return rows.map((r) => r.email);
}

beforeAll(async () => {
  dbs = await createTestDatabases(['bigcorp']);
  const db = await platformDb(dbs.registry);
  const rows = await db
    .insert(tenants)
    .values([
      { subdomain: 'bigcorp', name: 'BigCorp', plan: 'premium', dedicatedDatabase: 'bigcorp', fromEmailAddress: 'info@bigcorp.test' },
      { subdomain: 'acme', name: 'ACME', fromEmailAddress: 'info@acme.test' },
      { subdomain: 'consumer', name: 'Consumer', plan: 'premium', fromEmailAddress: 'info@consumer.test' },
    ])
    .returning({ id: tenants.id, subdomain: tenants.subdomain });
  for (const r of rows) ids[r.subdomain as keyof typeof ids] = r.id;
  for (const [name, id] of Object.entries(ids)) {
    await withTenant(id, (tx) => tx.insert(customers).values({ tenantId: id, email: `buyer@${name}.test`, name }));
  }
});

afterAll(async () => dbs.cleanup());

describe('tenant → database mapping', () => {
  it('routes bigcorp, and only bigcorp, to its dedicated database', async () => {
    expect(await connectionNameForTenant(ids.bigcorp)).toBe('bigcorp');
    expect(await connectionNameForTenant(ids.acme)).toBe('default');
    expect(await customerEmailsIn('bigcorp')).toEqual(['buyer@bigcorp.test']);
    expect(await customerEmailsIn('default')).toEqual(['buyer@acme.test', 'buyer@consumer.test']);
  });

  it('decides by mapping, not by plan: a premium tenant without a mapping stays on the shared database', async () => {
    expect(await connectionNameForTenant(ids.consumer)).toBe('default');
  });

  it('reads bigcorp rows back through withTenant from the dedicated database', async () => {
    const rows = await withTenant(ids.bigcorp, (tx) => tx.select().from(customers));
    expect(rows.map((r) => r.email)).toEqual(['buyer@bigcorp.test']);
  });

  it('applies the same migrations, with row-level security, to the dedicated database', async () => {
    const { db } = await dbs.registry.get('bigcorp');
    const result = await db.execute(sql`select relrowsecurity from pg_class where relname = 'customers'`);
    const rows = rowsOf<{ relrowsecurity: boolean }>(result);
    expect(rows[0]?.relrowsecurity).toBe(true);
  });

  it('follows a change of mapping once the tenant cache is invalidated', async () => {
    const db = await platformDb(dbs.registry);
    await db.update(tenants).set({ dedicatedDatabase: 'bigcorp' }).where(sql`${tenants.id} = ${ids.acme}`);
    expect(await connectionNameForTenant(ids.acme)).toBe('default'); // still cached
    forgetAllTenants();
    expect(await connectionNameForTenant(ids.acme)).toBe('bigcorp');
    await db.update(tenants).set({ dedicatedDatabase: null }).where(sql`${tenants.id} = ${ids.acme}`);
    forgetAllTenants();
  });
});
