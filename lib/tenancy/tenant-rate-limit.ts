import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, RLWrapperTimeouts, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisClientType } from 'redis';

/**
 * A per-shop rate limit checked in middleware before any rendering: one shop's flood (a crawler, a
 * broken integration, an attack) is answered with cheap 429s instead of taking the server's time from
 * every other shop. With REDIS_URL the counts live in Redis and the limit holds across every instance
 * (N instances do not allow N× the traffic); without it, in this process's memory.
 *
 * Built from `rate-limiter-flexible`: a per-second limiter, and behind it a burst pool of `burst`
 * requests (the library's "bursty" pattern) that a shop draws on once its second's allowance is spent
 * and that refills every `2 × burst / perSecond` seconds. Fixed windows cannot be a token bucket; these
 * two admit at least what a bucket of `burst` filling at `perSecond` would over any stretch up to that
 * refill time (so a shop's busy moment is never cut shorter than before), and over a long flood at most
 * about 1.5 × `perSecond`. Each Redis limiter has an in-memory insurance limiter of
 * the same size and every Redis call is bounded (REDIS_TIMEOUT_MS): while Redis is down or slow the
 * limit is per instance, never an error.
 */

export interface TenantRateLimit {
  /** Sustained requests per second one shop may make; 0 turns the limit off. */
  perSecond: number;
  /** How many requests a shop may make at once above its second's allowance (a page load and its prefetches). */
  burst: number;
}

const DEFAULT_TENANT_RATE_LIMIT: TenantRateLimit = { perSecond: 50, burst: 200 };
/** What a Redis hiccup may cost a request before the in-memory insurance answers. */
const REDIS_TIMEOUT_MS = 50;
const KEY_PREFIX = 'storefleet:shop-rate';

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

type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface TenantLimiter {
  /** Takes one request; with `keep`, only if that many would still be left (a prefetch keeps half the burst for clicks). */
  admit(host: string, options?: { keep?: number }): Promise<Admission>;
}

function limiter(name: string, points: number, duration: number, redis: RedisClientType | null | undefined): RateLimiterAbstract {
  const keyPrefix = `${KEY_PREFIX}:${name}`;
  const memory = new RateLimiterMemory({ keyPrefix, points, duration });
  if (!redis) return memory;
  const shared = new RateLimiterRedis({
    storeClient: redis,
    useRedisPackage: true,
    rejectIfRedisNotReady: true,
    keyPrefix,
    points,
    duration,
    insuranceLimiter: memory,
  });
  return new RLWrapperTimeouts({ limiter: shared, insuranceLimiter: memory, timeoutMs: REDIS_TIMEOUT_MS });
}

/** How often the burst pool refills: long enough that a flood gets about 1.5 × the rate, no more. */
export function burstRefillSeconds(limit: TenantRateLimit): number {
  return Math.max(1, Math.ceil((2 * limit.burst) / limit.perSecond));
}

const refused = (ms: number): Admission => ({ allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) });

export function createTenantLimiter(limit: TenantRateLimit, options: { redis?: RedisClientType | null } = {}): TenantLimiter {
  if (limit.perSecond <= 0) return { admit: async () => ({ allowed: true }) };
  const burstPoints = limit.burst;
  const rate = limiter('second', limit.perSecond, 1, options.redis);
  const burst = burstPoints > 0 ? limiter('burst', burstPoints, burstRefillSeconds(limit), options.redis) : null;

  return {
    async admit(host, { keep = 0 } = {}) {
      try {
        const [fromRate, burstState] = await Promise.all([
          rate.consume(host).catch((rejected: unknown) => {
            if (rejected instanceof RateLimiterRes) return null;
            throw rejected;
          }),
          keep > 0 && burst ? burst.get(host) : Promise.resolve(undefined),
        ]);
        if (fromRate) {
          const left = fromRate.remainingPoints + (burst ? (burstState ? Math.max(0, burstPoints - burstState.consumedPoints) : burstPoints) : 0);
          if (left >= keep) return { allowed: true };
          await rate.reward(host);
          return refused(fromRate.msBeforeNext);
        }
        const rateState = await rate.get(host);
        if (!burst) return refused(rateState?.msBeforeNext ?? 1000);
        try {
          const fromBurst = await burst.consume(host);
          if (fromBurst.remainingPoints >= keep) return { allowed: true };
          await burst.reward(host);
          return refused(Math.min(rateState?.msBeforeNext ?? 1000, fromBurst.msBeforeNext));
        } catch (rejected) {
          if (!(rejected instanceof RateLimiterRes)) throw rejected;
          return refused(Math.min(rateState?.msBeforeNext ?? 1000, rejected.msBeforeNext));
        }
      } catch {
        // Neither Redis nor the insurance answered: let it through rather than fail the request.
        return { allowed: true };
      }
    },
  };
}

/** Next.js marks router prefetches; they may be refused before anything a person clicked. */
export function isPrefetch(headers: { get(name: string): string | null }): boolean {
  return headers.get('next-router-prefetch') === '1' || headers.get('purpose') === 'prefetch' || headers.get('sec-purpose')?.includes('prefetch') === true;
}
