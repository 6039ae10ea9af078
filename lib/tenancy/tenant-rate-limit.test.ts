import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { burstRefillSeconds, createTenantLimiter, isPrefetch, parseTenantRateLimit, type TenantLimiter } from './tenant-rate-limit';

/** How many of `n` requests at once (no time passing) a shop gets through. */
async function admitted(limiter: TenantLimiter, host: string, n: number, options?: { keep?: number }): Promise<number> {
  let count = 0;
  for (let i = 0; i < n; i++) if ((await limiter.admit(host, options)).allowed) count++;
  return count;
}

describe('tenant rate limit (in memory, no REDIS_URL)', () => {
  let t = 0;
  const tick = (ms: number) => {
    t += ms;
    vi.setSystemTime(t);
  };
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    t = 1_000_000;
    vi.setSystemTime(t);
  });
  afterEach(() => vi.useRealTimers());

  it('reads the setting, with a default and an off switch', () => {
    expect(parseTenantRateLimit(undefined)).toEqual({ perSecond: 50, burst: 200 });
    expect(parseTenantRateLimit('20/60')).toEqual({ perSecond: 20, burst: 60 });
    expect(parseTenantRateLimit('10')).toEqual({ perSecond: 10, burst: 40 });
    expect(parseTenantRateLimit('off')).toEqual({ perSecond: 0, burst: 0 });
    expect(parseTenantRateLimit('0')).toEqual({ perSecond: 0, burst: 0 });
    expect(parseTenantRateLimit('lots')).toEqual({ perSecond: 50, burst: 200 });
  });

  it('lets a burst through, then the sustained rate; another shop is untouched by the first one’s flood', async () => {
    const limiter = createTenantLimiter({ perSecond: 10, burst: 20 });
    expect(await admitted(limiter, 'flood.example', 100)).toBe(30); // the second's 10 and the burst of 20
    expect(await limiter.admit('flood.example')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await admitted(limiter, 'calm.example', 30)).toBe(30);
    tick(1_000);
    expect(await admitted(limiter, 'flood.example', 100)).toBe(10);
    tick(60_000);
    expect(await admitted(limiter, 'flood.example', 100)).toBe(30); // refilled to the burst, not beyond
  });

  it('never admits less than a token bucket of the burst filling at the rate would, up to the pool’s refill time', async () => {
    // A request every `gap` ms for the refill time: a bucket admits burst + rate × elapsed of them.
    for (const gap of [2, 10]) {
      for (const limit of [
        { perSecond: 50, burst: 200 },
        { perSecond: 10, burst: 20 },
        { perSecond: 3, burst: 50 },
      ]) {
        const limiter = createTenantLimiter(limit);
        const host = `bucket-${gap}-${limit.perSecond}-${limit.burst}`;
        let count = 0;
        for (let elapsed = 0; elapsed < burstRefillSeconds(limit) * 1000; elapsed += gap) {
          if ((await limiter.admit(host)).allowed) count++;
          const bucket = Math.min(elapsed / gap + 1, limit.burst + Math.floor((limit.perSecond * elapsed) / 1000));
          expect(count, `${limit.perSecond}/${limit.burst}, every ${gap} ms, after ${elapsed} ms`).toBeGreaterThanOrEqual(bucket);
          tick(gap);
        }
      }
    }
  });

  it('admits a prefetch only while half the burst is left for clicks', async () => {
    const limiter = createTenantLimiter({ perSecond: 1, burst: 10 });
    expect(await admitted(limiter, 'shop.example', 11, { keep: 5 })).toBe(6); // the second's 1 and half the burst
    expect(await admitted(limiter, 'shop.example', 11)).toBe(5);
  });

  it('never admits more than the burst and the rate allow over any stretch of time, whatever the arrival pattern', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 200 }),
        async (perSecond, burst, gaps) => {
          const limiter = createTenantLimiter({ perSecond, burst });
          const host = `x${Math.random()}`;
          const start = t;
          let count = 0;
          for (const gap of gaps) {
            tick(gap);
            if ((await limiter.admit(host)).allowed) count++;
          }
          const elapsed = t - start;
          // The second's allowance once per second; the burst pool once per refill time (2 × burst / perSecond).
          const pool = burst;
          const poolSeconds = burstRefillSeconds({ perSecond, burst });
          const bound = perSecond * (Math.floor(elapsed / 1000) + 1) + pool * (Math.floor(elapsed / (poolSeconds * 1000)) + 1);
          expect(count).toBeLessThanOrEqual(bound);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('is off when configured off', async () => {
    const limiter = createTenantLimiter({ perSecond: 0, burst: 0 });
    expect(await admitted(limiter, 'shop.example', 1_000)).toBe(1_000);
  });

  it('knows prefetches by their headers', () => {
    expect(isPrefetch(new Headers({ 'next-router-prefetch': '1' }))).toBe(true);
    expect(isPrefetch(new Headers({ 'sec-purpose': 'prefetch;prerender' }))).toBe(true);
    expect(isPrefetch(new Headers({ accept: 'text/html' }))).toBe(false);
  });
});
