import { expect, test } from '@playwright/test';
import { E2E_PORT } from './support/hosts';
import { raw } from './support/raw-http';

/*
 * Made-up query values cannot fill the render cache. A signed-out listing is cached per shop and
 * canonical query; a value that names no brand, category, vehicle make, season or size the shop has,
 * or a page past the last one, answers 307 to the listing it stands for and leaves nothing behind,
 * while spelling variants of a real listing (parameter order, case, duplicates, unknown parameters,
 * page numbers out of range, unknown sorts) are the same cached page. Counted with the cache's own
 * figures (GET /api/render-cache, on for the browser-test server).
 */
const shop = (path: string) => raw({ path, headers: { host: `acme.localhost:${E2E_PORT}` } });

/** The cache's own figures: every page it holds, and those a request would still be served. */
async function cacheStats(): Promise<{ entries: number; live: number }> {
  const response = await raw({ path: '/api/render-cache', headers: { host: `localhost:${E2E_PORT}` } });
  expect(response.status, 'the render cache reports its size').toBe(200);
  return JSON.parse(response.body) as { entries: number; live: number };
}

const cachedPages = async () => (await cacheStats()).entries;
/** Pages the cache would still serve (not those an earlier test's catalog change made stale). */
const livePages = async () => (await cacheStats()).live;

/** Requests a real listing until it is served from the cache. */
async function warm(path: string): Promise<void> {
  await expect.poll(async () => (await shop(path)).headers['x-nextjs-cache'], { message: `${path} is cached` }).toBe('HIT');
}

/** The values of one of the filter form's selects, as the page offers them. */
function optionsOf(html: string, name: string): string[] {
  const select = new RegExp(`<select[^>]*id="filter-${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  return [...select.matchAll(/value="([^"]+)"/g)].map((m) => m[1]!);
}

const inRange = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

test('a stream of made-up filter values adds no cache entries and redirects to the real listing', async () => {
  test.setTimeout(180_000);
  const all = await shop('/products');
  expect(all.status).toBe(200);
  const real = { width: optionsOf(all.body, 'width'), aspect: optionsOf(all.body, 'aspect'), rim: optionsOf(all.body, 'rim') };
  expect(real.width.length).toBeGreaterThan(0);
  const fake = {
    width: inRange(100, 400).filter((w) => !real.width.includes(String(w))),
    aspect: inRange(20, 95).filter((a) => !real.aspect.includes(String(a))),
    rim: inRange(10, 26).filter((r) => !real.rim.includes(String(r))),
  };
  await warm('/products');
  await warm('/products?brand=michelin');
  await warm(`/products?brand=michelin&width=${real.width[0]}`);
  const before = await cachedPages();

  const madeUp: Array<[string, string]> = [];
  for (let i = 0; i < 25; i++) {
    madeUp.push([`/products?brand=no-such-brand-${i}`, '/products']);
    madeUp.push([`/products?category=no-such-category-${i}`, '/products']);
    madeUp.push([`/products?vehicle=no-such-make-${i}`, '/products']);
    madeUp.push([`/products?brand=michelin&brand=made-up-${i}`, '/products?brand=michelin']);
    madeUp.push([`/products?width=${fake.width[i % fake.width.length]}&brand=michelin`, '/products?brand=michelin']);
    madeUp.push([`/products?aspect=${fake.aspect[i % fake.aspect.length]}`, '/products']);
    madeUp.push([`/products?rim=${fake.rim[i % fake.rim.length]}&width=${real.width[0]}&brand=michelin`, `/products?brand=michelin&width=${real.width[0]}`]);
    madeUp.push([`/products?page=${300 + i}&brand=michelin&width=${real.width[0]}`, `/products?brand=michelin&width=${real.width[0]}`]);
  }
  for (const [path, canonical] of madeUp) {
    const response = await shop(path);
    expect(response.status, path).toBe(307);
    expect(response.headers.location, path).toBe(canonical);
  }

  // Other spellings of listings the cache already holds are those very pages.
  for (let i = 0; i < 20; i++) {
    for (const path of [
      `/products?utm_source=mail-${i}`,
      `/products?BRAND=michelin&ref=${i}`,
      `/products?brand=MICHELIN&brand=michelin&sort=cheapest-${i}`,
      `/products?width=${real.width[0]}&brand=michelin&page=${10_000_000 + i}`,
      `/products?page=-${i}&stock=maybe${i}`,
    ]) {
      const response = await shop(path);
      expect(response.status, path).toBe(200);
      expect(response.headers['x-nextjs-cache'], path).toBe('HIT');
    }
  }
  expect(await cachedPages()).toBe(before);
});

test('real filter values are cached and served from the cache as before', async () => {
  const all = await shop('/products?brand=continental');
  const width = optionsOf(all.body, 'width')[0]!;
  const before = await livePages();
  // An earlier test (or a retry) may have left one of these listings in the cache already: that one
  // is served from it at once and adds nothing; every other one adds exactly one page.
  let added = 0;
  for (const path of [
    '/products?brand=continental',
    `/products?brand=continental&width=${width}`,
    '/products?brand=continental&page=2',
    '/products?brand=continental&sort=price-desc',
  ]) {
    const first = await shop(path);
    expect(first.status, path).toBe(200);
    if (!['HIT', 'STALE'].includes(String(first.headers['x-nextjs-cache']))) added++;
    await warm(path);
  }
  expect(await livePages()).toBe(before + added);
});
