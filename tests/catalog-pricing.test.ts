import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantArticlePrices } from '@/db/schema';
import { getVisibleArticleBySlug } from '@/lib/catalog/get-visible-article';
import type { CatalogScope } from '@/lib/catalog/list-visible-articles';
import { isWindowCurrent, resolveNetPrice, type PriceWindow } from '@/lib/pricing/resolve-price';
import { listAllVisible, loadArticleFacts, loadOverrides, seedDemoForTest, type ArticleFacts, type DemoCatalog } from './support/demo-catalog';

const DAY_MS = 86_400_000;

let demo: DemoCatalog;
let facts: Map<number, ArticleFacts>;
let acme: CatalogScope;
let atraxion: CatalogScope;
let acmeOverrides: Map<number, PriceWindow[]>;

beforeAll(async () => {
  demo = await seedDemoForTest();
  facts = new Map((await loadArticleFacts(demo.db)).map((a) => [a.id, a]));
  [acme, atraxion] = await Promise.all([demo.scopeFor(demo.tenantIds.acme), demo.scopeFor(demo.tenantIds.atraxion)]);
  acmeOverrides = await loadOverrides(demo.db, demo.tenantIds.acme);
});

afterAll(async () => demo.cleanup());

type WindowKind = 'expired' | 'current' | 'future';

function kindOf(window: PriceWindow, now: Date): WindowKind {
  if (isWindowCurrent(window, now)) return 'current';
  return window.validFrom > now ? 'future' : 'expired';
}

/** ACME's override articles whose windows are, right now, exactly these kinds. */
function overrideArticles(...kinds: WindowKind[]) {
  const now = new Date();
  const wanted = [...kinds].sort().join('+');
  return [...acmeOverrides].filter(([, windows]) => [...new Set(windows.map((w) => kindOf(w, now)))].sort().join('+') === wanted);
}

function fact(articleId: number): ArticleFacts {
  const article = facts.get(articleId);
  if (!article) throw new Error(`no article ${articleId}`);
  return article;
}

/** What a buyer sees for an article: its price in the listing and on its product page. */
async function shownPrices(scope: CatalogScope, articleIds: number[]) {
  const listed = await listAllVisible(demo.db, scope);
  const inListing = new Map(listed.items.map((i) => [i.id, i.netPriceCents]));
  const result = new Map<number, { listing: number | undefined; detail: number | undefined }>();
  for (const id of articleIds) {
    const detail = await getVisibleArticleBySlug(demo.db, scope, fact(id).slug);
    result.set(id, { listing: inListing.get(id), detail: detail?.netPriceCents });
  }
  return result;
}

async function expectShownPrice(scope: CatalogScope, articleId: number, cents: number) {
  const shown = (await shownPrices(scope, [articleId])).get(articleId);
  expect(shown).toEqual({ listing: cents, detail: cents });
}

describe('tenant prices', () => {
  it('ACME has overrides of every kind the demo promises', () => {
    expect(overrideArticles('current').length).toBe(7);
    expect(overrideArticles('current', 'expired').length).toBe(1);
    expect(overrideArticles('current', 'future').length).toBe(1);
    expect(overrideArticles('expired').length).toBe(2);
    expect(overrideArticles('future').length).toBe(2);
  });

  it('shows each ACME override article at the price resolveNetPrice gives, in the listing and on the product page', async () => {
    const ids = [...acmeOverrides.keys()];
    const shown = await shownPrices(acme, ids);
    const now = new Date();
    for (const id of ids) {
      const expected = resolveNetPrice(fact(id).basePriceCents, acmeOverrides.get(id) ?? [], now);
      expect({ id, ...shown.get(id) }).toEqual({ id, listing: expected, detail: expected });
    }
  });

  it('sells every other ACME article at its base price', async () => {
    const listed = await listAllVisible(demo.db, acme);
    const plain = listed.items.filter((i) => !acmeOverrides.has(i.id));
    expect(plain.length).toBeGreaterThan(50);
    for (const item of plain) expect({ id: item.id, net: item.netPriceCents }).toEqual({ id: item.id, net: item.basePriceCents });
  });

  it('a current override wins over the base price', async () => {
    const now = new Date();
    const shown = await shownPrices(
      acme,
      overrideArticles('current').map(([id]) => id),
    );
    for (const [id, windows] of overrideArticles('current')) {
      const current = windows.find((w) => isWindowCurrent(w, now));
      expect(current?.priceCents).not.toBe(fact(id).basePriceCents);
      expect(shown.get(id)).toEqual({ listing: current?.priceCents, detail: current?.priceCents });
    }
    // The negotiated fixed price from the demo shows up as it was agreed.
    expect([...shown.values()].some((s) => s.listing === 9_900)).toBe(true);
  });

  it('an article whose only override expired, or has not started, sells at the base price', async () => {
    const ids = [...overrideArticles('expired'), ...overrideArticles('future')].map(([id]) => id);
    const shown = await shownPrices(acme, ids);
    for (const id of ids) {
      const base = fact(id).basePriceCents;
      expect({ id, ...shown.get(id) }).toEqual({ id, listing: base, detail: base });
    }
  });

  it('with an expired and a current override, the current one applies; with a current and an upcoming one, still the current', async () => {
    const now = new Date();
    for (const pair of [overrideArticles('current', 'expired'), overrideArticles('current', 'future')]) {
      const [entry] = pair;
      if (!entry) throw new Error('missing demo override pair');
      const [id, windows] = entry;
      const current = windows.find((w) => isWindowCurrent(w, now));
      const other = windows.find((w) => !isWindowCurrent(w, now));
      if (!current || !other) throw new Error('demo override pair lacks a current or an other window');
      expect(other.priceCents).not.toBe(current.priceCents);
      await expectShownPrice(acme, id, current.priceCents);
    }
  });

  it('never shows ACME’s prices at another shop: Atraxion sees the base price of the same articles', async () => {
    const ids = [...acmeOverrides.keys()];
    const shown = await shownPrices(atraxion, ids);
    for (const id of ids) {
      const base = fact(id).basePriceCents;
      expect({ id, ...shown.get(id) }).toEqual({ id, listing: base, detail: base });
    }
  });

  it('cheapest-first sorts by the price ACME charges, not the base price', async () => {
    const { items } = await listAllVisible(demo.db, acme, { sort: 'price-asc' });
    for (let i = 1; i < items.length; i++) {
      expect(items[i]?.netPriceCents ?? 0).toBeGreaterThanOrEqual(items[i - 1]?.netPriceCents ?? 0);
    }
    const discounted = items.filter((i) => i.netPriceCents !== i.basePriceCents);
    expect(discounted.length).toBe(9);
  });
});

describe('tenant prices change with their validity window', () => {
  it('ending a current override today brings back the base price on the next page view', async () => {
    const [entry] = overrideArticles('current');
    if (!entry) throw new Error('no current override');
    const [articleId, windows] = entry;
    const current = windows.find((w) => isWindowCurrent(w, new Date()));
    if (!current) throw new Error('no current window');
    const row = and(
      eq(tenantArticlePrices.tenantId, demo.tenantIds.acme),
      eq(tenantArticlePrices.articleId, articleId),
      eq(tenantArticlePrices.validFrom, current.validFrom),
    );
    await expectShownPrice(acme, articleId, current.priceCents);
    try {
      await demo.db.update(tenantArticlePrices).set({ validUntil: sql`now() - interval '1 minute'` }).where(row);
      await expectShownPrice(acme, articleId, fact(articleId).basePriceCents);
      // Extending it again (until tomorrow) restores the tenant price.
      await demo.db
        .update(tenantArticlePrices)
        .set({ validUntil: new Date(Date.now() + DAY_MS) })
        .where(row);
      await expectShownPrice(acme, articleId, current.priceCents);
    } finally {
      await demo.db.update(tenantArticlePrices).set({ validUntil: current.validUntil }).where(row);
    }
  });

  it('of two overlapping current overrides, the one that started last applies; each shop keeps its own', async () => {
    // A Michelin tyre without demo overrides: visible at ACME, TyreDirect and Atraxion alike.
    const article = [...facts.values()].find((a) => a.brandSlug === 'michelin' && a.season !== null && !acmeOverrides.has(a.id));
    if (!article) throw new Error('no Michelin tyre without overrides');
    const articleId = article.id;
    const now = Date.now();
    const rows = [
      { tenantId: demo.tenantIds.atraxion, articleId, priceCents: 5_000, validFrom: new Date(now - 10 * DAY_MS), validUntil: null },
      { tenantId: demo.tenantIds.atraxion, articleId, priceCents: 6_000, validFrom: new Date(now - 2 * DAY_MS), validUntil: new Date(now + DAY_MS) },
      { tenantId: demo.tenantIds.consumer, articleId, priceCents: 7_000, validFrom: new Date(now - DAY_MS), validUntil: null },
    ];
    const consumer = await demo.scopeFor(demo.tenantIds.consumer);
    try {
      await demo.db.insert(tenantArticlePrices).values(rows);
      const windows = rows.filter((r) => r.tenantId === demo.tenantIds.atraxion);
      expect(resolveNetPrice(article.basePriceCents, windows, new Date())).toBe(6_000);
      await expectShownPrice(atraxion, articleId, 6_000);
      await expectShownPrice(consumer, articleId, 7_000);
      await expectShownPrice(acme, articleId, article.basePriceCents);
    } finally {
      await demo.db.delete(tenantArticlePrices).where(eq(tenantArticlePrices.articleId, articleId));
    }
    await expectShownPrice(atraxion, articleId, article.basePriceCents);
  });
});
