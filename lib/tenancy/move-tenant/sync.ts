import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { ident, type PlaneTable } from './tables';

export interface SyncStats {
  upserted: number;
  deleted: number;
}

export interface TableVerification {
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  equal: boolean;
}

const BATCH = 500;

function keyExpr(table: PlaneTable): string {
  return `json_build_array(${table.primaryKey.map(ident).join(', ')})::text`;
}

/** `key → md5 of the row as JSON` for one tenant's rows of a table (timestamps in UTC, see `utcSession`). */
async function rowHashes(db: Executor, table: PlaneTable, tenantId: string): Promise<Map<string, string>> {
  const rows = rowsOf<{ k: string; h: string }>(
    await db.execute(sql`select ${sql.raw(keyExpr(table))} as k, md5(row_to_json(t)::text) as h
      from ${sql.raw(ident(table.name))} t where t.tenant_id = ${tenantId}`),
  );
  return new Map(rows.map((r) => [r.k, r.h]));
}

function keysIn(keys: string[]): SQL {
  return sql`(select json_array_elements_text(${JSON.stringify(keys)}::json))`;
}

/**
 * Row JSON and hash must not depend on the session: every mover transaction runs in UTC. It also sets
 * `storefleet.replicating`, which keeps the platform read model's triggers silent (migration
 * migration 0018): copying a row is not a change, and an announcement written on the
 * target only would make the copied outbox differ from the source's.
 */
export async function utcSession(tx: Executor): Promise<void> {
  await tx.execute(sql`select set_config('timezone', 'UTC', true), set_config('storefleet.replicating', 'on', true)`);
}

async function upsertRows(source: Executor, target: Executor, table: PlaneTable, tenantId: string, keys: string[]): Promise<void> {
  const name = sql.raw(ident(table.name));
  const columns = table.columns.map(ident).join(', ');
  const conflict = table.primaryKey.map(ident).join(', ');
  const updates = table.columns.filter((c) => !table.primaryKey.includes(c)).map((c) => `${ident(c)} = excluded.${ident(c)}`);
  const onConflict = updates.length > 0 ? `do update set ${updates.join(', ')}` : 'do nothing';
  for (let i = 0; i < keys.length; i += BATCH) {
    const batch = keys.slice(i, i + BATCH);
    const rows = rowsOf<{ j: string }>(
      await source.execute(sql`select row_to_json(t)::text as j from ${name} t
        where t.tenant_id = ${tenantId} and ${sql.raw(keyExpr(table))} in ${keysIn(batch)}`),
    );
    if (rows.length === 0) continue;
    const json = `[${rows.map((r) => r.j).join(',')}]`;
    await target.execute(sql`insert into ${name} (${sql.raw(columns)})
      select ${sql.raw(columns)} from json_populate_recordset(null::${name}, ${json}::json)
      on conflict (${sql.raw(conflict)}) ${sql.raw(onConflict)}`);
  }
}

async function deleteRows(target: Executor, table: PlaneTable, tenantId: string, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += BATCH) {
    await target.execute(sql`delete from ${sql.raw(ident(table.name))} t
      where t.tenant_id = ${tenantId} and ${sql.raw(keyExpr(table))} in ${keysIn(keys.slice(i, i + BATCH))}`);
  }
}

/**
 * Makes the target hold exactly the source's rows of this tenant, table by table: rows missing or
 * different on the target are upserted (parents first), rows gone from the source are deleted (children
 * first, before any upsert so a re-created unique value cannot collide). Only differences travel, so a
 * second pass after a first bulk copy moves just what changed in between. Idempotent.
 */
export async function syncTenantRows(source: Executor, target: Executor, tables: PlaneTable[], tenantId: string): Promise<SyncStats> {
  const plans: Array<{ table: PlaneTable; upsert: string[]; remove: string[] }> = [];
  for (const table of tables) {
    const [from, to] = [await rowHashes(source, table, tenantId), await rowHashes(target, table, tenantId)];
    const upsert = [...from].filter(([k, h]) => to.get(k) !== h).map(([k]) => k);
    const remove = [...to.keys()].filter((k) => !from.has(k));
    plans.push({ table, upsert, remove });
  }
  for (const plan of [...plans].reverse()) await deleteRows(target, plan.table, tenantId, plan.remove);
  for (const plan of plans) await upsertRows(source, target, plan.table, tenantId, plan.upsert);
  return {
    upserted: plans.reduce((n, p) => n + p.upsert.length, 0),
    deleted: plans.reduce((n, p) => n + p.remove.length, 0),
  };
}

/** Row count and an order-independent checksum of one tenant's rows of a table. */
export async function tableChecksum(db: Executor, table: PlaneTable, tenantId: string): Promise<{ rows: number; checksum: string }> {
  const [row] = rowsOf<{ rows: number | string; checksum: string }>(
    await db.execute(sql`select count(*)::int as rows, md5(coalesce(string_agg(x.h, '' order by x.k collate "C"), '')) as checksum
      from (select md5(row_to_json(t)::text) as h, ${sql.raw(keyExpr(table))} as k
        from ${sql.raw(ident(table.name))} t where t.tenant_id = ${tenantId}) x`),
  );
  return { rows: Number(row!.rows), checksum: row!.checksum };
}

/** Per table: counts and checksums on both sides. */
export async function verifyTenantRows(source: Executor, target: Executor, tables: PlaneTable[], tenantId: string): Promise<Record<string, TableVerification>> {
  const result: Record<string, TableVerification> = {};
  for (const table of tables) {
    const [s, t] = [await tableChecksum(source, table, tenantId), await tableChecksum(target, table, tenantId)];
    result[table.name] = {
      sourceRows: s.rows,
      targetRows: t.rows,
      sourceChecksum: s.checksum,
      targetChecksum: t.checksum,
      equal: s.rows === t.rows && s.checksum === t.checksum,
    };
  }
  return result;
}

/** Deletes this tenant's rows from a database, children first. */
export async function deleteTenantRows(db: Executor, tables: PlaneTable[], tenantId: string): Promise<void> {
  for (const table of [...tables].reverse()) {
    await db.execute(sql`delete from ${sql.raw(ident(table.name))} where tenant_id = ${tenantId}`);
  }
}
