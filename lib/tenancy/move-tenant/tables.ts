import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { rowsOf } from '@/db/rows';

/** A tenant-plane table as the mover sees it: its columns, primary key and the tables it references. */
export interface PlaneTable {
  name: string;
  columns: string[];
  primaryKey: string[];
  /** Tenant-plane tables this one has foreign keys to (copied before it). */
  dependsOn: string[];
}

/** A quoted SQL identifier (table and column names come from the catalog, never from input). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Every tenant-plane table of a database, parents before children. A tenant-plane table is one with a
 * `tenant_id` column under row-level security with a policy for the application role, which is exactly
 * the rule tests/rls-coverage.test.ts enforces; so a table added by a later migration is moved too.
 */
export async function discoverPlaneTables(db: Executor): Promise<PlaneTable[]> {
  const tables = rowsOf<{ name: string; columns: string[]; pk: string[] }>(
    await db.execute(sql`
      select c.relname as name,
        (select array_agg(a.attname::text order by a.attnum) from pg_attribute a
          where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '') as columns,
        (select array_agg(a.attname::text order by array_position(i.indkey::int2[], a.attnum)) from pg_index i
          join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey::int2[])
          where i.indrelid = c.oid and i.indisprimary) as pk
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      where c.relkind = 'r' and c.relrowsecurity
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
        and exists (select 1 from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname and 'storefleet_app' = any(p.roles))
      order by c.relname`),
  );
  const edges = rowsOf<{ child: string; parent: string }>(
    await db.execute(sql`
      select distinct ch.relname as child, pa.relname as parent
      from pg_constraint k
      join pg_class ch on ch.oid = k.conrelid
      join pg_class pa on pa.oid = k.confrelid
      join pg_namespace n on n.oid = ch.relnamespace and n.nspname = 'public'
      where k.contype = 'f' and k.conrelid <> k.confrelid`),
  );
  const names = new Set(tables.map((t) => t.name));
  const planeTables = tables.map((t) => {
    if (!t.pk || t.pk.length === 0) throw new Error(`Tenant-plane table ${t.name} has no primary key`);
    const dependsOn = edges.filter((e) => e.child === t.name && names.has(e.parent)).map((e) => e.parent);
    return { name: t.name, columns: t.columns, primaryKey: t.pk, dependsOn };
  });
  return inDependencyOrder(planeTables);
}

/** Topological order: every table after the tables it references. */
function inDependencyOrder(tables: PlaneTable[]): PlaneTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: PlaneTable[] = [];
  const visit = (table: PlaneTable) => {
    if (done.has(table.name)) return;
    if (visiting.has(table.name)) throw new Error(`Foreign-key cycle through ${table.name}`);
    visiting.add(table.name);
    for (const parent of table.dependsOn) visit(byName.get(parent)!);
    visiting.delete(table.name);
    done.add(table.name);
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table);
  return ordered;
}
