import { getTableName, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/rows';
import { FACET_SOURCES } from '@/lib/catalog/facets';
import { visibilityCondition } from '@/lib/catalog/visibility';
import { createTestDatabases, platformDb, type TestDatabases } from './support/test-database';

/*
 * The stored summaries of unfiltered listings (tenant_catalog_summaries) are kept until the catalog
 * version moves, and only the catalog-version trigger moves it. So every column a facet counts, and
 * every column the visibility rules read, must be one the trigger fires on; otherwise a change to it
 * leaves every shop's unfiltered facets and total stale. The trigger is read from the migrated
 * database itself (pg_trigger), not from a migration's text, so a later migration that redefines it
 * is checked too. Filters without a facet (text, kind, stock) need no bump: a listing with one of
 * them set is never served from the stored summary (`isUnfiltered`).
 */

const dialect = new PgDialect({ casing: 'snake_case' });
const compiled = (fragment: SQL) => dialect.sqlToQuery(fragment).sql;

/** The `articles` columns and the other tables a piece of SQL reads. */
function readsOf(fragment: SQL): { columns: string[]; tables: string[] } {
  const text = compiled(fragment);
  const columns = [...text.matchAll(/"articles"\."(\w+)"/g)].map((m) => m[1]!);
  const tables = [...text.matchAll(/\b(?:from|join)\s+"?(\w+)"?/gi)].map((m) => m[1]!).filter((t) => t !== 'articles');
  return { columns, tables };
}

/** What the stored summary depends on: each facet's source and the visibility rules (all restricted). */
function summaryReads(): { columns: Set<string>; tables: Set<string> } {
  const columns = new Set<string>();
  const tables = new Set<string>();
  for (const [axis, source] of Object.entries(FACET_SOURCES)) {
    if ('column' in source) {
      const reads = readsOf(sql`${source.column}`);
      expect(reads.columns, `facet ${axis} reads a column of articles`).toHaveLength(1);
      for (const c of reads.columns) columns.add(c);
    } else {
      tables.add(getTableName(source.link.table));
    }
  }
  const visibility = readsOf(visibilityCondition({ brandIds: [1], categoryIds: [1], vehicleBrandIds: [1] }));
  for (const c of visibility.columns) if (c !== 'id') columns.add(c);
  for (const t of visibility.tables) tables.add(t);
  return { columns, tables };
}

interface CatalogVersionTrigger {
  table: string;
  /** pg_trigger.tgtype: 4 insert, 8 delete, 16 update. */
  type: number;
  /** The UPDATE OF columns; empty when any update fires it. */
  columns: string[];
}

const INSERT = 4;
const DELETE = 8;
const UPDATE = 16;

let dbs: TestDatabases;
let triggers: CatalogVersionTrigger[];

beforeAll(async () => {
  dbs = await createTestDatabases();
  const db = await platformDb(dbs.registry);
  const result = await db.execute(sql`
    select c.relname as "table", t.tgtype::int as type,
      coalesce((select array_agg(a.attname::text order by a.attname) from unnest(t.tgattr::int2[]) as k(attnum)
        join pg_attribute a on a.attrelid = t.tgrelid and a.attnum = k.attnum), '{}') as columns
    from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
    where p.proname = 'storefleet_bump_catalog_version' and not t.tgisinternal`);
  triggers = rowsOf<CatalogVersionTrigger>(result).map((t) => ({ ...t, type: Number(t.type) }));
});
afterAll(async () => dbs.cleanup());

describe('the catalog-version trigger', () => {
  it('fires on every articles column that a facet counts or the visibility rules read', () => {
    const onArticles = triggers.filter((t) => t.table === 'articles' && t.type & UPDATE);
    expect(onArticles, 'a catalog-version trigger on articles').not.toHaveLength(0);
    const firing = new Set(onArticles.flatMap((t) => t.columns));
    const anyColumn = onArticles.some((t) => t.columns.length === 0);
    const { columns } = summaryReads();
    expect(columns.size).toBeGreaterThan(0);
    for (const column of columns) {
      expect(anyColumn || firing.has(column), `articles.${column} is read by a facet or the visibility rules but does not bump catalog_version`).toBe(true);
    }
    expect(onArticles.some((t) => t.type & INSERT) && onArticles.some((t) => t.type & DELETE)).toBe(true);
  });

  it('fires on any change to a table that a facet or the visibility rules read', () => {
    const { tables } = summaryReads();
    expect(tables.size).toBeGreaterThan(0);
    for (const table of tables) {
      const on = triggers.filter((t) => t.table === table);
      const fires = (kind: number) => on.some((t) => t.type & kind && (kind !== UPDATE || t.columns.length === 0));
      expect(fires(INSERT) && fires(DELETE) && fires(UPDATE), `${table} changes do not bump catalog_version`).toBe(true);
    }
  });
});
