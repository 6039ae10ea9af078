import { MAX_PAGE, PAGE_SIZE } from '@/lib/catalog/catalog-query';
import type { Target } from './judge';
import type { SignedInCustomer } from './sign-in';
import { createRandom, type Random } from './random';
import type { TenantTargets } from './workload';

export interface Scenario {
  id: string;
  title: string;
  /** None for the warm-up and the reference pages themselves. */
  target?: Target;
  /** The next request: which shop (Host header), which path, and a session cookie if signed in. */
  next(): { host: string; path: string; cookie?: string };
  /** Text a correct response contains (checked on a few requests before the load starts). */
  expect: (req: { host: string; cookie?: string }) => string;
  /** Requests made once before the scenario, unmeasured: a warm render cache is what it measures. */
  prime?: () => Array<{ host: string; path: string }>;
  /** Primed on a fresh server, so the heap the scenarios before it left behind does not count against it. */
  freshServer?: boolean;
  /**
   * The render cache in Redis: one server renders the primed pages into it, and a second, fresh one with
   * no in-process copy (RENDER_CACHE_MB=0) is measured, so every answer is a hit from Redis.
   */
  sharedCache?: boolean;
}

// The targets, as ratios to the reference pages (judge.ts): a page rendered for the request against the
// force-dynamic reference, a page from the render cache against the static one.
const CACHE_MISS: Target = { reference: 'dynamic', minRatio: 0.6 };
const CACHE_HIT: Target = { reference: 'static', minRatio: 0.4 };
const SIGNED_IN: Target = { reference: 'dynamic', minRatio: 1.0 };
const PRODUCT: Target = { reference: 'dynamic', minRatio: 0.8 };
const FILTERED_OR_SEARCH: Target = { reference: 'dynamic', minRatio: 0.5 };
const SHARED_CACHE_HOSTS = 200;
/** The catalog pages a scenario asks for at random: 1,000 shops × 50 pages cannot be warm in one run. */
const CATALOG_PAGES = 50;

const RESULT_COUNT = 'data-testid="result-count"';
const HOME_MARKER = 'id="categories-heading"';

/**
 * Listing pages of one shop that no request has asked for before: every page it has (up to the
 * catalog's last page) in random order, then the same in name order. About 2 × 500 cache misses, more
 * than a 15-s run makes at the target rate; past them the pages repeat and start to hit.
 */
function unseenPages(shop: TenantTargets, random: Random): () => string {
  const pages = Math.min(MAX_PAGE, Math.ceil(shop.visibleCount / PAGE_SIZE));
  const order = random.sample(
    Array.from({ length: pages }, (_, i) => i + 1),
    pages,
  );
  const paths = [...order.map((p) => `/products?page=${p}`), ...order.map((p) => `/products?sort=name&page=${p}`)];
  let next = 0;
  return () => paths[next++ % paths.length] as string;
}

export function buildScenarios(targets: TenantTargets[], single: TenantTargets, customers: SignedInCustomer[]): Scenario[] {
  const random = createRandom(7);
  const page = () => random.int(1, CATALOG_PAGES);
  const anyTenant = () => random.pick(targets);
  // The shops of the hit-path comparison (memory and Redis): rendered in about 15 s.
  const few = targets.slice(0, SHARED_CACHE_HOSTS);
  const withFilters = targets.filter((t) => t.filters.length > 0);
  const withWords = targets.filter((t) => t.searchWords.length > 0);
  const nextUnseen = unseenPages(single, random);
  const scenarios: Scenario[] = [
    {
      // Nearly every request a first render (and a shop seen for the first time): cache misses.
      id: 'catalog',
      title: `Catalog page 1–${CATALOG_PAGES}, ${targets.length.toLocaleString('en')} hosts (cache misses)`,
      target: CACHE_MISS,
      next: () => ({ host: anyTenant().host, path: `/products?page=${page()}` }),
      expect: () => RESULT_COUNT,
    },
    {
      // The same kind of request on one shop: what many hosts cost over one, miss against miss.
      id: 'catalog-single-host-miss',
      title: `Catalog page, one host (${single.host}), cache misses`,
      target: CACHE_MISS,
      next: () => ({ host: single.host, path: nextUnseen() }),
      expect: () => RESULT_COUNT,
    },
    {
      // Hit against hit: the partner of the warm scenarios over many hosts.
      id: 'catalog-single-host',
      title: `Catalog page 1–${CATALOG_PAGES}, one host (${single.host}), warm cache`,
      target: CACHE_HIT,
      next: () => ({ host: single.host, path: `/products?page=${page()}` }),
      expect: () => RESULT_COUNT,
      prime: () => Array.from({ length: CATALOG_PAGES }, (_, i) => ({ host: single.host, path: `/products?page=${i + 1}` })),
    },
    {
      id: 'filtered',
      title: 'Filtered listing (brand + size)',
      target: FILTERED_OR_SEARCH,
      next: () => {
        const t = random.pick(withFilters);
        return { host: t.host, path: `/products?${random.pick(t.filters)}` };
      },
      expect: () => RESULT_COUNT,
    },
    {
      id: 'search',
      title: 'Text search',
      target: FILTERED_OR_SEARCH,
      next: () => {
        const t = random.pick(withWords);
        return { host: t.host, path: `/products?q=${random.pick(t.searchWords)}` };
      },
      expect: () => RESULT_COUNT,
    },
    {
      id: 'product',
      title: 'Product page',
      target: PRODUCT,
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
      target: SIGNED_IN,
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
      target: CACHE_HIT,
      next: () => ({ host: anyTenant().host, path: '/products' }),
      expect: () => RESULT_COUNT,
      prime: () => targets.map((t) => ({ host: t.host, path: '/products' })),
      freshServer: true,
    },
    {
      // The hit path with and without Redis, on few enough shops that priming ends well inside the pages'
      // 60 s lifetime (1,000 renders take about a minute here, and a page past it is served stale and
      // rendered again in the background, which is not the hit path). First from this process's memory…
      id: 'catalog-warm-few',
      title: `Catalog first page, ${few.length} hosts, warm cache in memory`,
      target: CACHE_HIT,
      next: () => ({ host: random.pick(few).host, path: '/products' }),
      expect: () => RESULT_COUNT,
      prime: () => few.map((t) => ({ host: t.host, path: '/products' })),
      freshServer: true,
    },
    {
      // …then the same pages served from Redis by an instance that did not render them.
      id: 'catalog-warm-redis',
      title: `Catalog first page, ${few.length} hosts, warm cache in Redis, rendered by another instance`,
      target: CACHE_HIT,
      next: () => ({ host: random.pick(few).host, path: '/products' }),
      expect: () => RESULT_COUNT,
      prime: () => few.map((t) => ({ host: t.host, path: '/products' })),
      sharedCache: true,
    },
    {
      // Every shop's home page, each rendered once beforehand: the home page's hit path.
      id: 'home-warm',
      title: `Home page, ${targets.length.toLocaleString('en')} hosts, warm cache`,
      target: CACHE_HIT,
      next: () => ({ host: anyTenant().host, path: '/' }),
      expect: () => HOME_MARKER,
      prime: () => targets.map((t) => ({ host: t.host, path: '/' })),
      freshServer: true,
    },
  );
  return scenarios;
}
