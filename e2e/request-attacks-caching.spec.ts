import { test, expect } from '@playwright/test';
import { E2E_PORT } from './support/hosts';
import { raw, type RawResponse } from './support/raw-http';

/**
 * What a CDN in front of the platform may do with the answers, read from the production build's
 * headers: nothing is kept stale for long, a shop's page at most SHARED_CACHE_SECONDS (so a deactivated
 * shop is gone from shared caches that long after the platform stops serving it), and the 404 of a
 * closed or unknown shop no longer either.
 */
const SHARED_CACHE_SECONDS = 10;

function directives(res: RawResponse): Map<string, string> {
  const header = String(res.headers['cache-control'] ?? '');
  return new Map(
    header
      .split(',')
      .map((part) => part.trim().toLowerCase().split('=') as [string, string])
      .filter(([k]) => k)
      .map(([k, v]) => [k, v ?? '']),
  );
}

/** How long a shared cache may hand this answer out, fresh plus stale. */
function sharedLifetime(res: RawResponse): number {
  const d = directives(res);
  if (d.has('no-store') || d.has('private')) return 0;
  const fresh = Number(d.get('s-maxage') ?? d.get('max-age') ?? 0);
  return fresh + Number(d.get('stale-while-revalidate') ?? 0) + Number(d.get('stale-if-error') ?? 0);
}

const host = (sub: string) => `${sub}.localhost:${E2E_PORT}`;
const PAGES = ['/', '/products', '/products?brand=michelin', '/products?sort=price-desc'];

test.describe('caching headers', () => {
  test('a shop’s cached pages may stay in a shared cache for seconds, never stale for a year', async () => {
    for (const path of PAGES) {
      // An RSC request (client navigation) gets Next's redirect to its cache-busting URL: held as briefly.
      const variants: Array<[Record<string, string>, number]> = [
        [{ host: host('acme') }, 200],
        [{ host: host('acme'), rsc: '1' }, 307],
      ];
      for (const [headers, status] of variants) {
        const res = await raw({ path, headers });
        expect(res.status, path).toBe(status);
        expect(sharedLifetime(res), `${path} ${res.headers['cache-control']}`).toBeLessThanOrEqual(SHARED_CACHE_SECONDS);
        expect(directives(res).has('stale-while-revalidate'), path).toBe(false);
      }
    }
  });

  test('the 404 of a closed, unknown or made-up shop is not kept beyond seconds', async () => {
    for (const h of [host('closed'), host('nosuchshop'), 'evil.example', `xn--nxasmq6b.localhost:${E2E_PORT}`]) {
      for (const path of PAGES) {
        const res = await raw({ path, headers: { host: h } });
        expect(res.status, `${h}${path}`).toBe(404);
        expect(sharedLifetime(res), `${h}${path} ${res.headers['cache-control']}`).toBeLessThanOrEqual(SHARED_CACHE_SECONDS);
      }
    }
  });

  test('no answer anywhere carries a long stale-while-revalidate', async () => {
    const probes: Array<[string, string]> = [
      [host('acme'), '/'],
      [host('acme'), '/products/nope'],
      [host('acme'), '/account/sign-in'],
      [host('acme'), '/cart'],
      [host('acme'), '/api/auth/session'],
      [`localhost:${E2E_PORT}`, '/'],
      [`admin.localhost:${E2E_PORT}`, '/sign-in'],
    ];
    for (const [h, path] of probes) {
      const res = await raw({ path, headers: { host: h } });
      expect(res.status, `${h}${path}`).toBeLessThan(500);
      expect(Number(directives(res).get('stale-while-revalidate') ?? 0), `${h}${path}`).toBeLessThanOrEqual(SHARED_CACHE_SECONDS);
    }
  });
});
