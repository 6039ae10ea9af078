import { drizzle } from 'drizzle-orm/postgres-js';
import type { Database } from '@/db/client';
import * as schema from '@/db/schema';
import { getVisibleArticleBySlug } from '@/lib/catalog/get-visible-article';
import { parseCatalogQuery } from '@/lib/catalog/catalog-query';
import { listVisibleArticles } from '@/lib/catalog/list-visible-articles';
import { loadVisibilityRules } from '@/lib/catalog/visibility';
import { listVisibleKinds } from '@/lib/catalog/visible-kinds';
import { connect } from './database';
import { RAW_CATALOG_PAGE_SQL } from './raw-sql';
import type { TenantTargets } from './workload';

export interface ExplainedQuery {
  page: string;
  sql: string;
  executionMs: number;
  planningMs: number;
  plan: string;
}

type Captured = { query: string; params: unknown[] };

/**
 * EXPLAIN (ANALYZE, BUFFERS) of every statement the data layer sends for each benchmarked page, captured
 * from drizzle's query log, so the plans follow the code as it changes.
 */
export async function explainCatalog(url: string, tenant: TenantTargets): Promise<ExplainedQuery[]> {
  const client = connect(url, 2);
  let captured: Captured[] = [];
  const db = drizzle({
    client,
    schema,
    casing: 'snake_case',
    logger: { logQuery: (query, params) => captured.push({ query, params }) },
  }) as unknown as Database;
  const scope = { tenantId: tenant.tenantId, rules: tenant.rules };
  const firstFilter = Object.fromEntries(new URLSearchParams(tenant.filters[0] ?? ''));
  const word = decodeURIComponent((tenant.searchWords[0] ?? 'michelin').replace(/\+/g, ' '));
  const pages: [string, () => Promise<unknown>][] = [
    ['layout: visibility rules + kinds', async () => listVisibleKinds(db, await loadVisibilityRules(db, tenant.tenantId))],
    ['catalog page 1', () => listVisibleArticles(db, scope, parseCatalogQuery({}))],
    ['catalog page 50', () => listVisibleArticles(db, scope, parseCatalogQuery({ page: '50' }))],
    [`filtered ${tenant.filters[0] ?? ''}`, () => listVisibleArticles(db, scope, parseCatalogQuery(firstFilter))],
    [`search q=${word}`, () => listVisibleArticles(db, scope, parseCatalogQuery({ q: word }))],
    ['product page', () => getVisibleArticleBySlug(db, scope, tenant.productSlugs[0] ?? '')],
  ];
  const out: ExplainedQuery[] = [];
  try {
    for (const [page, run] of pages) {
      captured = [];
      await run(); // also warms the cache, so the plans below are steady-state
      for (const { query, params } of captured) {
        const rows = await client.unsafe(`explain (analyze, buffers) ${query}`, params as never[]);
        const plan = rows.map((r) => String(r['QUERY PLAN'])).join('\n');
        out.push({ page, sql: query, plan, ...timings(plan) });
      }
    }
    const rawParams = [tenant.tenantId, tenant.rules.brandIds, tenant.rules.categoryIds, 49 * 24];
    await client.unsafe(RAW_CATALOG_PAGE_SQL, rawParams);
    const rows = await client.unsafe(`explain (analyze, buffers) ${RAW_CATALOG_PAGE_SQL}`, rawParams);
    const plan = rows.map((r) => String(r['QUERY PLAN'])).join('\n');
    out.push({ page: 'raw SQL, page 50', sql: RAW_CATALOG_PAGE_SQL.trim(), plan, ...timings(plan) });
  } finally {
    await client.end({ timeout: 5 });
  }
  return out;
}

function timings(plan: string): { executionMs: number; planningMs: number } {
  const ms = (label: string) => Number(new RegExp(`${label} Time: ([\\d.]+) ms`).exec(plan)?.[1] ?? 0);
  return { executionMs: ms('Execution'), planningMs: ms('Planning') };
}
