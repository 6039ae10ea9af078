import 'server-only';
import { sql } from 'drizzle-orm';
import { platformDb } from '@/db/connection-registry';
import { rowsOf } from '@/db/rows';

export interface RateLimitResult {
  allowed: boolean;
  /** The hits in this window, this one included: `limit + 1` is the first one refused. */
  hits: number;
  remaining: number;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counter in PostgreSQL, so a limit holds across all app instances. One atomic upsert per
 * hit: a window that has run out restarts at one.
 */
export async function consumeRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const db = await platformDb();
  const result = await db.execute(sql`
    insert into rate_limit_buckets as b (key, window_start, hits) values (${key}, now(), 1)
    on conflict (key) do update set
      hits = case when b.window_start <= now() - make_interval(secs => ${windowSeconds}) then 1 else b.hits + 1 end,
      window_start = case when b.window_start <= now() - make_interval(secs => ${windowSeconds}) then now() else b.window_start end
    returning hits, extract(epoch from (b.window_start + make_interval(secs => ${windowSeconds}) - now()))::int as retry_after`);
  const rows = rowsOf<{ hits: number; retry_after: number }>(result);
  const hits = Number(rows[0]?.hits ?? 1);
  return {
    allowed: hits <= limit,
    hits,
    remaining: Math.max(0, limit - hits),
    retryAfterSeconds: Math.max(1, Number(rows[0]?.retry_after ?? windowSeconds)),
  };
}

/** Forgets a key's hits, e.g. an account's failed sign-ins once it signs in successfully. */
export async function resetRateLimit(key: string): Promise<void> {
  const db = await platformDb();
  await db.execute(sql`delete from rate_limit_buckets where key = ${key}`);
}
