import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { PGLITE_MEMORY_URL } from '@/db/client';
import { ConnectionRegistry, DEFAULT_CONNECTION, setRegistry } from '@/db/connection-registry';
import { migrateAll } from '@/db/migrate';
import { forgetAllTenants } from '@/lib/tenancy/tenant-directory';

export interface TestDatabases {
  registry: ConnectionRegistry;
  kind: 'pglite' | 'postgres';
  cleanup(): Promise<void>;
}

/**
 * A fresh, migrated set of databases for one test file: in-memory PGlite by default, or brand-new
 * databases on the server in TEST_DATABASE_URL (dropped afterwards), so files never see each other's rows.
 * `dedicated` names dedicated tenant databases to create beside the default.
 */
export async function createTestDatabases(dedicated: string[] = []): Promise<TestDatabases> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  forgetAllTenants();
  if (!serverUrl) {
    const registry = new ConnectionRegistry({ defaultUrl: PGLITE_MEMORY_URL, dedicatedUrls: {} });
    await setRegistry(registry);
    await migrateAll(registry, dedicated);
    return { registry, kind: 'pglite', cleanup: () => registry.closeAll() };
  }
  const name = `sf_test_${randomBytes(5).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const registry = new ConnectionRegistry({ defaultUrl: url.toString(), dedicatedUrls: {} });
  await setRegistry(registry);
  await migrateAll(registry, dedicated);
  return {
    registry,
    kind: 'postgres',
    async cleanup() {
      await registry.closeAll();
      for (const db of [name, ...dedicated.map((d) => `${name}_${d}`)]) {
        await admin.unsafe(`drop database if exists ${db} with (force)`);
      }
      await admin.end({ timeout: 5 });
    },
  };
}

export async function platformDb(registry: ConnectionRegistry) {
  return (await registry.get(DEFAULT_CONNECTION)).db;
}

/** Inserts minimal tenants (name, subdomain, sender; premium with a dedicated database when given). */
export async function insertTestTenants<N extends string>(
  registry: ConnectionRegistry,
  specs: Array<{ subdomain: N; dedicatedDatabase?: string }>,
): Promise<Record<N, string>> {
  const { tenants } = await import('@/db/schema');
  const db = await platformDb(registry);
  const rows = await db
    .insert(tenants)
    .values(
      specs.map(({ subdomain, dedicatedDatabase }) => ({
        subdomain,
        name: subdomain.charAt(0).toUpperCase() + subdomain.slice(1),
        fromEmailAddress: `info@${subdomain}.test`,
        ...(dedicatedDatabase ? { plan: 'premium' as const, dedicatedDatabase } : {}),
      })),
    )
    .returning({ id: tenants.id, subdomain: tenants.subdomain });
  return Object.fromEntries(rows.map((r) => [r.subdomain, r.id])) as Record<N, string>;
}

/**
 * Runs `work` as the production role would connect: a role that is neither owner nor superuser and is
 * subject to row-level security. PGlite has one connection per database, so its session role is switched
 * on each of `planes`; on PostgreSQL a second registry opens connections with the `role` startup parameter
 * (default database only, as the relay's and read model's tests need).
 */
export async function asApplicationRole<T>(dbs: TestDatabases, planes: readonly string[], work: () => Promise<T>): Promise<T> {
  if (dbs.kind === 'pglite') {
    for (const plane of planes) await (await dbs.registry.get(plane)).db.execute(sql`set role storefleet_app`);
    try {
      return await work();
    } finally {
      for (const plane of planes) await (await dbs.registry.get(plane)).db.execute(sql`reset role`);
    }
  }
  const withRole = (url: string) => {
    const parsed = new URL(url);
    parsed.searchParams.set('role', 'storefleet_app');
    return parsed.toString();
  };
  await setRegistry(new ConnectionRegistry({ defaultUrl: withRole(dbs.registry.config.defaultUrl), dedicatedUrls: {} }));
  try {
    return await work();
  } finally {
    await setRegistry(dbs.registry);
  }
}
