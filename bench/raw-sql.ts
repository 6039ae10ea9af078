import { drizzle } from 'drizzle-orm/postgres-js';
import type { Database } from '@/db/client';
import * as schema from '@/db/schema';
import { parseCatalogQuery, PAGE_SIZE } from '@/lib/catalog/catalog-query';
import { listVisibleArticles } from '@/lib/catalog/list-visible-articles';
import { loadVisibilityRules } from '@/lib/catalog/visibility';
import { listVisibleKinds } from '@/lib/catalog/visible-kinds';
import { connect } from './database';
import { createRandom } from './random';
import type { TenantTargets } from './workload';

/**
 * Page N of a tenant's visible catalog with its current price, by hand: the SQL the catalog page needs
 * at its core (visibility from lib/catalog/visibility.ts, the price from lib/pricing/resolve-price.ts,
 * the listing order and the ids-first page from lib/catalog/list-visible-articles.ts), with the rules
 * known up front.
 */
export const RAW_CATALOG_PAGE_SQL = `
select a.id, a.slug, a.sku, a.name, a.kind, a.season, a.width, a.aspect_ratio, a.rim_diameter, a.load_index,
       a.speed_rating, a.eu_fuel_class, a.eu_wet_grip_class, a.eu_noise_db, a.stock, a.base_price_cents,
       coalesce((select p.price_cents from tenant_article_prices p
                 where p.tenant_id = $1 and p.article_id = a.id
                   and p.valid_from <= now() and (p.valid_until is null or p.valid_until > now())
                 order by p.valid_from desc limit 1), a.base_price_cents) as net_price_cents,
       b.name as brand_name, b.slug as brand_slug, c.name as category_name, c.slug as category_slug
from articles a
join brands b on b.id = a.brand_id
join categories c on c.id = a.category_id
where a.id in (select v.id from articles v
               where v.brand_id = any($2::int[]) and v.category_id = any($3::int[])
               order by (v.stock = 0), v.name, v.id
               limit ${PAGE_SIZE} offset $4)
order by (a.stock = 0), a.name, a.id`;

export interface LoopResult {
  id: string;
  title: string;
  opsPerSec: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  operations: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** `concurrency` workers run `op` back to back for `seconds`; throughput and latency like autocannon's. */
async function closedLoop(id: string, title: string, concurrency: number, seconds: number, op: () => Promise<unknown>): Promise<LoopResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      try {
        await op();
        latencies.push(performance.now() - t);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 10) / 10;
  return {
    id,
    title,
    opsPerSec: r(latencies.length / elapsed),
    latencyMs: {
      mean: r(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
      p50: r(percentile(sorted, 50)),
      p90: r(percentile(sorted, 90)),
      p99: r(percentile(sorted, 99)),
      max: r(sorted.at(-1) ?? 0),
    },
    operations: latencies.length,
    errors,
  };
}

export async function measureRawSql(
  url: string,
  targets: TenantTargets[],
  opts: { connections: number; duration: number; poolSize: number },
): Promise<LoopResult> {
  const sql = connect(url, opts.poolSize);
  const random = createRandom(11);
  try {
    return await closedLoop('raw-sql', 'Raw SQL: catalog page query', opts.connections, opts.duration, () => {
      const t = random.pick(targets);
      return sql.unsafe(RAW_CATALOG_PAGE_SQL, [t.tenantId, t.rules.brandIds, t.rules.categoryIds, (random.int(1, 50) - 1) * PAGE_SIZE], { prepare: true });
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * The app's own data layer for the same page, without HTTP and React: visibility rules, visible kinds
 * (the layout) and listVisibleArticles (items, total, facets), on a pool the size of the app's.
 */
export async function measureDataLayer(
  url: string,
  targets: TenantTargets[],
  opts: { connections: number; duration: number; poolSize: number },
): Promise<LoopResult> {
  const client = connect(url, opts.poolSize);
  const db = drizzle({ client, schema, casing: 'snake_case' }) as unknown as Database;
  const random = createRandom(13);
  try {
    return await closedLoop('data-layer', 'Data layer: rules + kinds + listVisibleArticles', opts.connections, opts.duration, async () => {
      const t = random.pick(targets);
      const rules = await loadVisibilityRules(db, t.tenantId);
      await Promise.all([
        listVisibleKinds(db, rules),
        listVisibleArticles(db, { tenantId: t.tenantId, rules }, parseCatalogQuery({ page: String(random.int(1, 50)) })),
      ]);
    });
  } finally {
    await client.end({ timeout: 5 });
  }
}
