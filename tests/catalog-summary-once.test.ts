import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '@/db/client';
import { ConnectionRegistry } from '@/db/connection-registry';
import { rowsOf } from '@/db/rows';
import { catalogVersion, tenantCatalogSummaries } from '@/db/schema';
import { loadOrComputeSummary, summaryBasis } from '@/lib/catalog/catalog-summary';
import { loadVisibilityRules } from '@/lib/catalog/visibility';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

let demo: DemoCatalog;
const others: ConnectionRegistry[] = [];

beforeAll(async () => {
  demo = await seedDemoForTest({ articleCount: 300 });
  // Every write of a stored summary, whoever makes it.
  await demo.db.execute(sql`create table summary_writes (tenant_id uuid not null, at timestamptz not null default clock_timestamp())`);
  await demo.db.execute(sql`create function log_summary_write() returns trigger language plpgsql as $$
    begin insert into summary_writes (tenant_id) values (new.tenant_id); return null; end $$`);
  await demo.db.execute(
    sql`create trigger tenant_catalog_summaries_logged after insert or update on tenant_catalog_summaries for each row execute function log_summary_write()`,
  );
});
afterAll(async () => {
  for (const registry of others) await registry.closeAll();
  await demo?.cleanup();
});

describe('a stale catalog summary', () => {
  it('is counted once when many instances ask for it at the same moment; the others read what it stored', async () => {
    const tenantId = demo.tenantIds.acme;
    const rules = await loadVisibilityRules(demo.db, tenantId);
    const [{ version } = { version: 0 }] = await demo.db.select({ version: catalogVersion.version }).from(catalogVersion);
    const basis = summaryBasis(version, rules);
    await demo.db.delete(tenantCatalogSummaries).where(eq(tenantCatalogSummaries.tenantId, tenantId));

    // Six instances: on PostgreSQL each with connections of its own (a registry per instance); PGlite is
    // one process's database, so there the callers share it.
    const handles: Executor[] = [];
    for (let i = 0; i < 6; i++) {
      if (demo.dbs.kind === 'pglite') handles.push(demo.db);
      else {
        const registry = new ConnectionRegistry(demo.dbs.registry.config);
        others.push(registry);
        handles.push((await registry.get('default')).db);
      }
    }
    const results = await Promise.all(handles.map((db) => loadOrComputeSummary(db, tenantId, basis, rules)));

    const [{ writes } = { writes: 0 }] = rowsOf<{ writes: number }>(
      await demo.db.execute(sql`select count(*)::int as writes from summary_writes where tenant_id = ${tenantId}`),
    );
    expect(writes).toBe(1);
    for (const result of results) expect(result).toEqual(results[0]);
    expect(results[0]!.total).toBeGreaterThan(0);
  });
});
