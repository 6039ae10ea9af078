import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { lockTenant } from '@/db/advisory-locks';
import type { Database, Executor } from '@/db/client';
import { catalogVersion, tenantCatalogSummaries, tenants } from '@/db/schema';
import { ALL_TENANTS, onTenantInvalidated } from '@/lib/cache/cache-invalidation';
import { TenantMemo } from '@/lib/cache/tenant-memo';
import { catalogFreshness, type Freshness, isFresh } from '@/lib/cache/version-stamp';
import { buildCatalogFilters } from './catalog-filters';
import { catalogQuerySchema } from './catalog-query';
import { countFacets, FACET_AXES, type FacetCounts } from './facets';
import { loadVisibilityRules, type VisibilityRules } from './visibility';

export interface CatalogSummary {
  total: number;
  counts: FacetCounts;
}

// The catalog's shape version (migration 0010 bumps it, and the catalog's tables bump `*`): read once and
// kept until `*` moves on; the expiry applies only where cache versions are not followed.
const VERSION_TTL_MS = 60_000;
let version: { value: Promise<number>; freshness: Freshness } | null = null;
onTenantInvalidated((tenantId) => {
  if (tenantId === ALL_TENANTS) version = null;
});

async function readCatalogVersion(db: Executor): Promise<number> {
  const [row] = await db.select({ version: catalogVersion.version }).from(catalogVersion).where(eq(catalogVersion.id, 1));
  return row?.version ?? 0;
}

function currentCatalogVersion(db: Executor, now = Date.now()): Promise<number> {
  if (version && isFresh(version.freshness, VERSION_TTL_MS, now)) return version.value;
  const freshness = catalogFreshness(now);
  const value = readCatalogVersion(db);
  version = { value, freshness };
  value.catch(() => {
    if (version?.value === value) version = null;
  });
  return value;
}

/**
 * What a summary was computed from: the catalog version, the tenant's rules (in any order) and the
 * facets it counts, so that a release that adds a facet finds every stored summary stale.
 */
export function summaryBasis(catalogVersionNumber: number, rules: VisibilityRules): string {
  const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b).join(',');
  const digest = createHash('sha256')
    .update(`${sorted(rules.brandIds)}|${sorted(rules.categoryIds)}|${sorted(rules.vehicleBrandIds)}|${FACET_AXES.join(',')}`)
    .digest('base64url')
    .slice(0, 22);
  return `v${catalogVersionNumber}:${digest}`;
}

const UNFILTERED = catalogQuerySchema.parse({});

/**
 * Counts the tenant's unfiltered listing and stores the result, inside the caller's transaction (READ
 * COMMITTED: it runs after waiting for a lock, see below). The catalog version is read first, the
 * articles after: a catalog change committed in between can only make the counts newer than the basis
 * they are stored under, never older, and a reader that knows the newer version finds that basis stale
 * and counts again. (A counted row never carries a basis newer than its counts.)
 */
async function countAndStore(tx: Executor, tenantId: string, rules: VisibilityRules): Promise<CatalogSummary> {
  const basis = summaryBasis(await readCatalogVersion(tx), rules);
  const { total, counts } = await countFacets(tx, buildCatalogFilters(rules, UNFILTERED));
  await tx
    .insert(tenantCatalogSummaries)
    .values({ tenantId, basis, total, counts })
    .onConflictDoUpdate({ target: tenantCatalogSummaries.tenantId, set: { basis, total, counts, computedAt: sql`now()` } });
  return { total, counts };
}

async function readStoredSummary(db: Executor, tenantId: string, basis: string): Promise<CatalogSummary | undefined> {
  const [stored] = await db
    .select({ total: tenantCatalogSummaries.total, counts: tenantCatalogSummaries.counts })
    .from(tenantCatalogSummaries)
    .where(and(eq(tenantCatalogSummaries.tenantId, tenantId), eq(tenantCatalogSummaries.basis, basis)));
  return stored ? { total: stored.total, counts: stored.counts as FacetCounts } : undefined;
}

/**
 * The stored summary for `basis`, else counted now by one caller across all instances. After a change
 * every instance's first request finds the row stale at once; without this each would count the whole
 * catalog. A caller that finds no current row takes the tenant's `catalogSummary` advisory lock
 * (transaction-scoped, db/advisory-locks.ts) and looks again: one that waited finds the row its
 * predecessor stored and returns it, so only the first one counts. The others wait rather than serve
 * the stale row: counting takes well under a second, and the stale row's facet counts are of the old
 * catalog. The count runs in the locked transaction itself, so a caller never needs a second connection
 * while holding the lock (a pool full of waiters could otherwise starve the holder).
 */
async function loadOrCount(db: Executor, tenantId: string, basis: string, rules: VisibilityRules): Promise<{ summary: CatalogSummary; counted: boolean }> {
  const stored = await readStoredSummary(db, tenantId, basis);
  if (stored) return { summary: stored, counted: false };
  return (db as Database).transaction(async (tx) => {
    await lockTenant(tx, 'catalogSummary', tenantId);
    const storedMeanwhile = await readStoredSummary(tx, tenantId, basis);
    if (storedMeanwhile) return { summary: storedMeanwhile, counted: false };
    return { summary: await countAndStore(tx, tenantId, rules), counted: true };
  });
}

/** `loadOrCount` without the in-process memo: what one instance does on a miss (exported for tests). */
export async function loadOrComputeSummary(db: Executor, tenantId: string, basis: string, rules: VisibilityRules): Promise<CatalogSummary> {
  return (await loadOrCount(db, tenantId, basis, rules)).summary;
}

// Kept until the tenant's rules or the catalog change (their cache versions move on); the expiry applies
// only where versions are not followed.
const memo = new TenantMemo<CatalogSummary>(10 * 60_000);

/**
 * Total and facet counts of a tenant's unfiltered listing: from memory, else from the stored summary,
 * else counted now (and stored for every other instance).
 */
export async function getCatalogSummary(db: Executor, tenantId: string, rules: VisibilityRules): Promise<CatalogSummary> {
  const basis = summaryBasis(await currentCatalogVersion(db), rules);
  return memo.get(tenantId, basis, () => loadOrComputeSummary(db, tenantId, basis, rules));
}

/**
 * Brings every active tenant's stored summary up to date, so that no buyer waits for the counting:
 * run after a catalog import and at deploy (db/setup.ts). Requests would otherwise fill them one by one.
 */
export async function refreshCatalogSummaries(db: Database): Promise<{ computed: number }> {
  const current = await readCatalogVersion(db);
  const stored = new Map(
    (await db.select({ tenantId: tenantCatalogSummaries.tenantId, basis: tenantCatalogSummaries.basis }).from(tenantCatalogSummaries)).map((r) => [
      r.tenantId,
      r.basis,
    ]),
  );
  let computed = 0;
  for (const { id } of await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.isActive, true))) {
    const rules = await loadVisibilityRules(db, id);
    const basis = summaryBasis(current, rules);
    if (stored.get(id) === basis) continue;
    if ((await loadOrCount(db, id, basis, rules)).counted) computed++;
  }
  return { computed };
}
