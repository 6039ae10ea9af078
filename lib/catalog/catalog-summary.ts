import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { catalogVersion, tenantCatalogSummaries, tenants } from '@/db/schema';
import { ALL_TENANTS, onTenantInvalidated } from '@/lib/cache/cache-invalidation';
import { TenantMemo } from '@/lib/cache/tenant-memo';
import { buildCatalogFilters } from './catalog-filters';
import { catalogQuerySchema } from './catalog-query';
import { countFacets, type FacetCounts } from './facets';
import { loadVisibilityRules, type VisibilityRules } from './visibility';

export interface CatalogSummary {
  total: number;
  counts: FacetCounts;
}

// The catalog's shape version (migration 0010 bumps it and notifies `*`); read once, not per request.
const VERSION_TTL_MS = 60_000;
let version: { value: Promise<number>; expiresAt: number } | null = null;
onTenantInvalidated((tenantId) => {
  if (tenantId === ALL_TENANTS) version = null;
});

async function readCatalogVersion(db: Executor): Promise<number> {
  const [row] = await db.select({ version: catalogVersion.version }).from(catalogVersion).where(eq(catalogVersion.id, 1));
  return row?.version ?? 0;
}

function currentCatalogVersion(db: Executor, now = Date.now()): Promise<number> {
  if (version && version.expiresAt > now) return version.value;
  const value = readCatalogVersion(db);
  version = { value, expiresAt: now + VERSION_TTL_MS };
  value.catch(() => {
    if (version?.value === value) version = null;
  });
  return value;
}

/** What a summary was computed from: the catalog version and the tenant's rules, in any order. */
export function summaryBasis(catalogVersionNumber: number, rules: VisibilityRules): string {
  const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b).join(',');
  const digest = createHash('sha256')
    .update(`${sorted(rules.brandIds)}|${sorted(rules.categoryIds)}|${sorted(rules.vehicleBrandIds)}`)
    .digest('base64url')
    .slice(0, 22);
  return `v${catalogVersionNumber}:${digest}`;
}

const UNFILTERED = catalogQuerySchema.parse({});

/**
 * Counts the tenant's unfiltered listing and stores the result. The version is read in the same
 * snapshot as the articles, so a catalog change committed meanwhile leaves a row with an older basis,
 * which the next reader treats as stale.
 */
async function computeSummary(db: Executor, tenantId: string, rules: VisibilityRules): Promise<CatalogSummary> {
  return (db as Database).transaction(
    async (tx) => {
      const basis = summaryBasis(await readCatalogVersion(tx), rules);
      const { total, counts } = await countFacets(tx, buildCatalogFilters(rules, UNFILTERED));
      await tx
        .insert(tenantCatalogSummaries)
        .values({ tenantId, basis, total, counts })
        .onConflictDoUpdate({ target: tenantCatalogSummaries.tenantId, set: { basis, total, counts, computedAt: sql`now()` } });
      return { total, counts };
    },
    { isolationLevel: 'repeatable read' },
  );
}

// Kept until the tenant's rules or the catalog change (both notify); the expiry only bounds a missed notice.
const memo = new TenantMemo<CatalogSummary>(10 * 60_000);

/**
 * Total and facet counts of a tenant's unfiltered listing: from memory, else from the stored summary,
 * else counted now (and stored for every other instance).
 */
export async function getCatalogSummary(db: Executor, tenantId: string, rules: VisibilityRules): Promise<CatalogSummary> {
  const basis = summaryBasis(await currentCatalogVersion(db), rules);
  return memo.get(tenantId, basis, async () => {
    const [stored] = await db
      .select({ total: tenantCatalogSummaries.total, counts: tenantCatalogSummaries.counts })
      .from(tenantCatalogSummaries)
      .where(and(eq(tenantCatalogSummaries.tenantId, tenantId), eq(tenantCatalogSummaries.basis, basis)));
    return stored ? { total: stored.total, counts: stored.counts as FacetCounts } : computeSummary(db, tenantId, rules);
  });
}

/**
 * Brings every active tenant's stored summary up to date, so that no buyer waits for the counting:
 * run after a catalog import and at deploy (db/setup.ts). Requests would otherwise fill them one by one.
 */
export async function refreshCatalogSummaries(db: Database): Promise<{ computed: number }> {
  const current = await readCatalogVersion(db);
  const stored = new Map(
    (await db.select({ tenantId: tenantCatalogSummaries.tenantId, basis: tenantCatalogSummaries.basis }).from(tenantCatalogSummaries)).map(
      (r) => [r.tenantId, r.basis],
    ),
  );
  let computed = 0;
  for (const { id } of await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.isActive, true))) {
    const rules = await loadVisibilityRules(db, id);
    if (stored.get(id) === summaryBasis(current, rules)) continue;
    await computeSummary(db, id, rules);
    computed++;
  }
  return { computed };
}
