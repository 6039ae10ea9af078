import type { SignedInCustomer } from './sign-in';
import { createRandom } from './random';
import type { TenantTargets } from './workload';

export interface Target {
  minReqPerSec?: number;
  maxP99Ms?: number;
}

export interface Scenario {
  id: string;
  title: string;
  target: Target;
  /** The next request: which shop (Host header), which path, and a session cookie if signed in. */
  next(): { host: string; path: string; cookie?: string };
  /** Text a correct response contains (checked on a few requests before the load starts). */
  expect: (req: { host: string; cookie?: string }) => string;
  /** Requests made once before the scenario, unmeasured: a warm render cache is what it measures. */
  prime?: () => Array<{ host: string; path: string }>;
  /**
   * The render cache in Redis: one server renders the primed pages into it, and a second, fresh one with
   * no in-process copy (RENDER_CACHE_MB=0) is measured, so every answer is a hit from Redis.
   */
  sharedCache?: boolean;
}

// The targets. Filtered listing, search and product page have none of their own: they count
// towards "zero errors" and the memory budget.
const ANONYMOUS_CATALOG: Target = { minReqPerSec: 300, maxP99Ms: 150 };
const SIGNED_IN_CATALOG: Target = { minReqPerSec: 110, maxP99Ms: 300 };
export const MAX_RSS_MB = 600;
export const MIN_HOST_SPREAD_RATIO = 0.95;
const SHARED_CACHE_HOSTS = 200;

const RESULT_COUNT = 'data-testid="result-count"';

export function buildScenarios(targets: TenantTargets[], single: TenantTargets, customers: SignedInCustomer[]): Scenario[] {
  const random = createRandom(7);
  const page = () => random.int(1, 50);
  const anyTenant = () => random.pick(targets);
  // The shops of the hit-path comparison (memory and Redis): rendered in about 15 s.
  const few = targets.slice(0, SHARED_CACHE_HOSTS);
  const withFilters = targets.filter((t) => t.filters.length > 0);
  const withWords = targets.filter((t) => t.searchWords.length > 0);
  const scenarios: Scenario[] = [
    {
      id: 'catalog',
      title: `Catalog page, ${targets.length.toLocaleString('en')} hosts`,
      target: ANONYMOUS_CATALOG,
      next: () => ({ host: anyTenant().host, path: `/products?page=${page()}` }),
      expect: () => RESULT_COUNT,
    },
    {
      id: 'catalog-single-host',
      title: `Catalog page, one host (${single.host})`,
      target: ANONYMOUS_CATALOG,
      next: () => ({ host: single.host, path: `/products?page=${page()}` }),
      expect: () => RESULT_COUNT,
    },
    {
      id: 'filtered',
      title: 'Filtered listing (brand + size)',
      target: {},
      next: () => {
        const t = random.pick(withFilters);
        return { host: t.host, path: `/products?${random.pick(t.filters)}` };
      },
      expect: () => RESULT_COUNT,
    },
    {
      id: 'search',
      title: 'Text search',
      target: {},
      next: () => {
        const t = random.pick(withWords);
        return { host: t.host, path: `/products?q=${random.pick(t.searchWords)}` };
      },
      expect: () => RESULT_COUNT,
    },
    {
      id: 'product',
      title: 'Product page',
      target: {},
      next: () => {
        const t = anyTenant();
        return { host: t.host, path: `/products/${random.pick(t.productSlugs)}` };
      },
      expect: () => 'Article number',
    },
  ];
  if (customers.length > 0) {
    scenarios.push({
      id: 'signed-in',
      title: `Catalog page, signed in (${customers.length} customers)`,
      target: SIGNED_IN_CATALOG,
      next: () => {
        const c = random.pick(customers);
        return { host: c.host, path: `/products?page=${page()}`, cookie: c.cookie };
      },
      expect: (req) => customers.find((c) => c.host === req.host)?.name ?? RESULT_COUNT,
    });
  }
  // Last: rendering a page for every shop grows the server's heap, which would slow the scenarios after it.
  scenarios.push(
    {
      // Every shop's first listing page, each rendered once beforehand: the render cache's hit path over
      // all hosts, to compare with one host's (the page-1-to-50 scenario above can only miss: 50,000
      // distinct pages against a few thousand requests).
      id: 'catalog-warm',
      title: `Catalog first page, ${targets.length.toLocaleString('en')} hosts, warm cache`,
      target: ANONYMOUS_CATALOG,
      next: () => ({ host: anyTenant().host, path: '/products' }),
      expect: () => RESULT_COUNT,
      prime: () => targets.map((t) => ({ host: t.host, path: '/products' })),
    },
    {
      // The hit path with and without Redis, on few enough shops that priming ends well inside the pages'
      // 60 s lifetime (1,000 renders take about a minute here, and a page past it is served stale and
      // rendered again in the background, which is not the hit path). First from this process's memory…
      id: 'catalog-warm-few',
      title: `Catalog first page, ${few.length} hosts, warm cache in memory`,
      target: ANONYMOUS_CATALOG,
      next: () => ({ host: random.pick(few).host, path: '/products' }),
      expect: () => RESULT_COUNT,
      prime: () => few.map((t) => ({ host: t.host, path: '/products' })),
    },
    {
      // …then the same pages served from Redis by an instance that did not render them.
      id: 'catalog-warm-redis',
      title: `Catalog first page, ${few.length} hosts, warm cache in Redis, rendered by another instance`,
      target: ANONYMOUS_CATALOG,
      next: () => ({ host: random.pick(few).host, path: '/products' }),
      expect: () => RESULT_COUNT,
      prime: () => few.map((t) => ({ host: t.host, path: '/products' })),
      sharedCache: true,
    },
  );
  return scenarios;
}
