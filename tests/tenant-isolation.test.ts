import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, customers, tenants } from '@/db/schema';
import { isAppError } from '@/lib/errors';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { createTestDatabases, platformDb, type TestDatabases } from './support/test-database';

let dbs: TestDatabases;
let tenantA: string;
let tenantB: string;

beforeAll(async () => {
  dbs = await createTestDatabases();
  const db = await platformDb(dbs.registry);
  const rows = await db
    .insert(tenants)
    .values([
      { subdomain: 'alpha', name: 'Alpha', fromEmailAddress: 'info@alpha.test' },
      { subdomain: 'beta', name: 'Beta', fromEmailAddress: 'info@beta.test' },
    ])
    .returning({ id: tenants.id });
  [tenantA, tenantB] = rows.map((r) => r.id) as [string, string];
  await withTenant(tenantA, (tx) => tx.insert(customers).values({ tenantId: tenantA, email: 'sam@example.com', name: 'Sam at Alpha' }));
  await withTenant(tenantB, (tx) => tx.insert(customers).values({ tenantId: tenantB, email: 'sam@example.com', name: 'Sam at Beta' }));
});

afterAll(async () => dbs.cleanup());

describe('tenant plane isolation (row-level security)', () => {
  it('shows each tenant only its own customers, even for the same email', async () => {
    const seenByA = await withTenant(tenantA, (tx) => tx.select().from(customers));
    const seenByB = await withTenant(tenantB, (tx) => tx.select().from(customers));
    expect(seenByA.map((c) => c.name)).toEqual(['Sam at Alpha']);
    expect(seenByB.map((c) => c.name)).toEqual(['Sam at Beta']);
  });

  it('finds nothing of tenant B from tenant A even when asking for B by id', async () => {
    const rows = await withTenant(tenantA, (tx) => tx.select().from(customers).where(eq(customers.tenantId, tenantB)));
    expect(rows).toEqual([]);
  });

  it('refuses to write a row for another tenant', async () => {
    const error = await withTenant(tenantA, (tx) => tx.insert(customers).values({ tenantId: tenantB, email: 'mallory@example.com', name: 'Mallory' })).catch(
      (e: Error & { cause?: Error }) => e,
    );
    expect(String((error as Error & { cause?: Error }).cause?.message)).toMatch(/row-level security/);
    const seenByB = await withTenant(tenantB, (tx) => tx.select().from(customers));
    expect(seenByB.map((c) => c.email)).toEqual(['sam@example.com']);
  });

  it("cannot update or delete another tenant's rows", async () => {
    await withTenant(tenantA, async (tx) => {
      await tx.update(customers).set({ name: 'hijacked' }).where(eq(customers.tenantId, tenantB));
      await tx.delete(customers).where(eq(customers.tenantId, tenantB));
    });
    const seenByB = await withTenant(tenantB, (tx) => tx.select().from(customers));
    expect(seenByB.map((c) => c.name)).toEqual(['Sam at Beta']);
  });

  it('sees nothing once the tenant setting is cleared inside the transaction', async () => {
    const rows = await withTenant(tenantA, async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', '', true)`);
      return tx.select().from(customers);
    });
    expect(rows).toEqual([]);
  });

  it('does not leak the tenant or the role past the end of the transaction', async () => {
    await withTenant(tenantA, (tx) => tx.select().from(customers));
    const db = await platformDb(dbs.registry);
    const leftover = await db.transaction(async (tx) => {
      await tx.execute(sql`set local role storefleet_app`);
      return tx.select().from(customers);
    });
    expect(leftover).toEqual([]);
  });

  it('reads nothing without a tenant context, as the application role', async () => {
    const db = await platformDb(dbs.registry);
    const rows = await db.transaction(async (tx) => {
      await tx.execute(sql`set local role storefleet_app`);
      return tx.select().from(customers);
    });
    expect(rows).toEqual([]);
    const audit = await db.transaction(async (tx) => {
      await tx.execute(sql`set local role storefleet_app`);
      return tx.select().from(auditLog);
    });
    expect(audit).toEqual([]);
  });

  it('rejects a missing, empty or malformed tenant id with TENANT_REQUIRED', async () => {
    for (const bad of ['', '   ', 'acme', undefined as unknown as string]) {
      const error = await withTenant(bad, async () => 'ran').catch((e: unknown) => e);
      expect(isAppError(error, 'TENANT_REQUIRED')).toBe(true);
    }
  });
});
