/**
 * A per-shop token bucket, per app instance, checked in middleware before any rendering: one shop's
 * flood (a crawler, a broken integration, an attack) is answered with cheap 429s instead of taking the
 * server's time from every other shop. Pure and in memory (the middleware has no database); the number
 * of shops it remembers is bounded, least recently seen forgotten first.
 */

export interface TenantRateLimit {
  /** Sustained requests per second one shop may make on this instance; 0 turns the limit off. */
  perSecond: number;
  /** How many requests a shop may make at once above that rate (a page load and its prefetches). */
  burst: number;
}

export const DEFAULT_TENANT_RATE_LIMIT: TenantRateLimit = { perSecond: 50, burst: 200 };
const MAX_SHOPS = 10_000;

/** `TENANT_RATE_LIMIT=50/200` (per second / burst); `0` or `off` disables; anything unreadable is the default. */
export function parseTenantRateLimit(raw: string | undefined): TenantRateLimit {
  const text = (raw ?? '').trim().toLowerCase();
  if (text === '') return DEFAULT_TENANT_RATE_LIMIT;
  if (text === '0' || text === 'off') return { perSecond: 0, burst: 0 };
  const match = /^(\d{1,6})(?:\/(\d{1,7}))?$/.exec(text);
  if (!match) return DEFAULT_TENANT_RATE_LIMIT;
  const perSecond = Number(match[1]);
  const burst = match[2] === undefined ? perSecond * 4 : Math.max(Number(match[2]), 1);
  return perSecond === 0 ? { perSecond: 0, burst: 0 } : { perSecond, burst };
}

export type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface TenantLimiter {
  /** Takes one token; with `keep`, only if that many would still be left (a prefetch keeps half the burst for clicks). */
  admit(host: string, options?: { keep?: number }): Admission;
}

export function createTenantLimiter(limit: TenantRateLimit, now: () => number = () => Date.now()): TenantLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    admit(host, options = {}) {
      const need = 1 + Math.max(0, options.keep ?? 0);
      if (limit.perSecond <= 0) return { allowed: true };
      const t = now();
      const previous = buckets.get(host);
      const bucket = previous ?? { tokens: limit.burst, at: t };
      bucket.tokens = Math.min(limit.burst, bucket.tokens + ((t - bucket.at) / 1000) * limit.perSecond);
      bucket.at = t;
      // Re-inserted, so the map's order is least recently seen first.
      if (previous) buckets.delete(host);
      buckets.set(host, bucket);
      if (buckets.size > MAX_SHOPS) buckets.delete(buckets.keys().next().value as string);
      if (bucket.tokens >= need) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((need - bucket.tokens) / limit.perSecond)) };
    },
  };
}

/** Next.js marks router prefetches; they may be refused before anything a person clicked. */
export function isPrefetch(headers: { get(name: string): string | null }): boolean {
  return headers.get('next-router-prefetch') === '1' || headers.get('purpose') === 'prefetch' || headers.get('sec-purpose')?.includes('prefetch') === true;
}
