import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { ConnectionRegistry } from '@/db/connection-registry';
import { migrateAll, migrationConcurrency } from '@/db/migrate';
import { createTestDatabases, type TestDatabases } from './support/test-database';

const serverUrl = process.env.TEST_DATABASE_URL;
const journal = JSON.parse(readFileSync(path.join(process.cwd(), 'db', 'migrations', 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** On PostgreSQL, drops the derived dedicated databases a test made, after the registries are closed. */
function dropAfterwards(registry: ConnectionRegistry, names: string[]) {
  if (!serverUrl) return;
  cleanups.unshift(async () => {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    for (const name of names) {
      const db = decodeURIComponent(new URL(registry.urlFor(name)).pathname.slice(1));
      await admin.unsafe(`drop database if exists "${db}" with (force)`);
    }
    await admin.end({ timeout: 5 });
  });
}

/** Tracks how many databases are being migrated at once. */
function concurrencyProbe() {
  let active = 0;
  const probe = {
    max: 0,
    phases: [] as string[],
    onDatabase(name: string, phase: 'start' | 'done' | 'failed') {
      probe.phases.push(`${name}:${phase}`);
      if (phase === 'start') probe.max = Math.max(probe.max, ++active);
      else active--;
    },
  };
  return probe;
}

describe('migrating the dedicated databases', () => {
  it('runs them in parallel, never more at once than the configured cap', async () => {
    const names = ['m1', 'm2', 'm3'];
    const dbs: TestDatabases = await createTestDatabases([]);
    cleanups.push(() => dbs.cleanup());
    dropAfterwards(dbs.registry, names);
    const probe = concurrencyProbe();
    expect(await migrateAll(dbs.registry, names, { concurrency: 2, onDatabase: probe.onDatabase })).toEqual(['default', ...names]);
    expect(probe.max).toBe(2);
    expect(probe.phases.filter((p) => p.endsWith(':done'))).toHaveLength(3);
    expect(migrationConcurrency({})).toBe(4);
    expect(migrationConcurrency({ MIGRATION_CONCURRENCY: '8' })).toBe(8);
    expect(() => migrationConcurrency({ MIGRATION_CONCURRENCY: '0' })).toThrow(/MIGRATION_CONCURRENCY/);
  });

  it('reports a database that fails and still migrates the others', async () => {
    const dbs: TestDatabases = await createTestDatabases([]);
    cleanups.push(() => dbs.cleanup());
    // A dedicated database that cannot be opened (its directory cannot be created).
    const registry = new ConnectionRegistry({ ...dbs.registry.config, dedicatedUrls: { broken: 'pglite:///dev/null/broken' } });
    cleanups.push(() => registry.closeAll());
    const probe = concurrencyProbe();
    const error = await migrateAll(registry, ['fine'], { onDatabase: probe.onDatabase }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(String((error as Error)?.message)).toMatch(/failed for 1 dedicated database\(s\): broken/);
    expect(probe.phases).toEqual(expect.arrayContaining(['broken:failed', 'fine:done']));
    dropAfterwards(registry, ['fine']);
    const fine = (await registry.get('fine')).db;
    const { rowsOf } = await import('@/db/rows');
    const { sql } = await import('drizzle-orm');
    const [applied] = rowsOf<{ n: number }>(await fine.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
    expect(applied?.n).toBe(journal.entries.length);
  });

  it.skipIf(!serverUrl)('lets two deploys migrate the same databases at once: both succeed, every migration applied once', async () => {
    const name = `sf_test_${randomBytes(5).toString('hex')}`;
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const dedicated = ['d1', 'd2', 'd3'];
    const deploys = [0, 1].map(() => new ConnectionRegistry({ defaultUrl: url.toString(), dedicatedUrls: {} }));
    cleanups.push(async () => {
      for (const registry of deploys) await registry.closeAll();
      for (const db of [name, ...dedicated.map((d) => `${name}_${d}`)]) await admin.unsafe(`drop database if exists ${db} with (force)`);
      await admin.end({ timeout: 5 });
    });

    const results = await Promise.allSettled(deploys.map((registry) => migrateAll(registry, dedicated, { concurrency: 3 })));
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason?.message ?? r.reason) : 'ok'))).toEqual(['ok', 'ok']);
    for (const db of [name, ...dedicated.map((d) => `${name}_${d}`)]) {
      const one = postgres({
        host: url.hostname,
        port: Number(url.port || 5432),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password) || undefined,
        database: db,
        max: 1,
        onnotice: () => {},
      });
      try {
        const [row] = await one`select count(*)::int as n, count(distinct hash)::int as distinct_hashes from drizzle.__drizzle_migrations`;
        expect({ db, n: row!.n, distinct: row!.distinct_hashes }).toEqual({ db, n: journal.entries.length, distinct: journal.entries.length });
      } finally {
        await one.end({ timeout: 5 });
      }
    }
  });
});
