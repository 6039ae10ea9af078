import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTenantLimiter, isPrefetch, parseTenantRateLimit } from './tenant-rate-limit';

describe('tenant rate limit', () => {
  it('reads the setting, with a default and an off switch', () => {
    expect(parseTenantRateLimit(undefined)).toEqual({ perSecond: 50, burst: 200 });
    expect(parseTenantRateLimit('20/60')).toEqual({ perSecond: 20, burst: 60 });
    expect(parseTenantRateLimit('10')).toEqual({ perSecond: 10, burst: 40 });
    expect(parseTenantRateLimit('off')).toEqual({ perSecond: 0, burst: 0 });
    expect(parseTenantRateLimit('0')).toEqual({ perSecond: 0, burst: 0 });
    expect(parseTenantRateLimit('lots')).toEqual({ perSecond: 50, burst: 200 });
  });

  it('lets a burst through, then the sustained rate; another shop is untouched by the first one’s flood', () => {
    let t = 0;
    const limiter = createTenantLimiter({ perSecond: 10, burst: 20 }, () => t);
    const admitted = (host: string, n: number) => Array.from({ length: n }, () => limiter.admit(host)).filter((a) => a.allowed).length;
    expect(admitted('flood.example', 100)).toBe(20);
    expect(limiter.admit('flood.example')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(admitted('calm.example', 20)).toBe(20);
    t += 1_000;
    expect(admitted('flood.example', 100)).toBe(10);
    t += 60_000;
    expect(admitted('flood.example', 100)).toBe(20); // refilled to the burst, not beyond
  });

  it('admits a prefetch only while half the burst is left for clicks', () => {
    const limiter = createTenantLimiter({ perSecond: 1, burst: 10 }, () => 0);
    const prefetches = Array.from({ length: 10 }, () => limiter.admit('shop.example', { keep: 5 })).filter((a) => a.allowed).length;
    expect(prefetches).toBe(5);
    expect(Array.from({ length: 10 }, () => limiter.admit('shop.example')).filter((a) => a.allowed).length).toBe(5);
  });

  it('never admits more than burst + rate × time, whatever the arrival pattern', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 300 }), fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 300 }), (perSecond, burst, gaps) => {
        let t = 0;
        const limiter = createTenantLimiter({ perSecond, burst }, () => t);
        let admitted = 0;
        for (const gap of gaps) {
          t += gap;
          if (limiter.admit('x').allowed) admitted++;
        }
        expect(admitted).toBeLessThanOrEqual(burst + Math.floor((t / 1000) * perSecond) + 1);
      }),
    );
  });

  it('knows prefetches by their headers', () => {
    expect(isPrefetch(new Headers({ 'next-router-prefetch': '1' }))).toBe(true);
    expect(isPrefetch(new Headers({ 'sec-purpose': 'prefetch;prerender' }))).toBe(true);
    expect(isPrefetch(new Headers({ accept: 'text/html' }))).toBe(false);
  });
});
