import { describe, expect, it } from 'vitest';
import { generateCatalog, type GeneratedArticle } from './generate-catalog';

const bigFive = ['michelin', 'continental', 'pirelli', 'bridgestone', 'goodyear'];
const tyreCategories = ['summer-tyres', 'winter-tyres', 'all-season-tyres'];

function countBy(articles: readonly GeneratedArticle[], key: (article: GeneratedArticle) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const article of articles) counts.set(key(article), (counts.get(key(article)) ?? 0) + 1);
  return counts;
}

/** One assertion over all offenders: 20,000 articles times a dozen `expect` calls is needlessly slow. */
function expectEvery(articles: readonly GeneratedArticle[], check: (article: GeneratedArticle) => boolean): void {
  expect(articles.filter((article) => !check(article)).slice(0, 3)).toEqual([]);
}

const inRange = (value: number | null | undefined, min: number, max: number) => typeof value === 'number' && value >= min && value <= max;

describe('generateCatalog', () => {
  const catalog = generateCatalog({ articleCount: 20_000, seed: 42 });
  const { articles } = catalog;

  it('gives the same catalog for the same seed and a different one for another seed', () => {
    const first = generateCatalog({ articleCount: 500, seed: 7 });
    expect(generateCatalog({ articleCount: 500, seed: 7 })).toEqual(first);
    expect(generateCatalog({ articleCount: 500, seed: 8 }).articles).not.toEqual(first.articles);
  });

  it('generates exactly the requested number of articles', () => {
    expect(articles).toHaveLength(20_000);
    expect(generateCatalog({ articleCount: 0 }).articles).toHaveLength(0);
  });

  it('keeps sku and slug unique', () => {
    expect(new Set(articles.map((article) => article.sku)).size).toBe(articles.length);
    expect(new Set(articles.map((article) => article.slug)).size).toBe(articles.length);
  });

  it('uses url-safe lower-case slugs', () => {
    expectEvery(articles, (article) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(article.slug));
  });

  it('only references brands, categories and vehicle brands it also returns', () => {
    const brandSlugs = new Set(catalog.brands.map((brand) => brand.slug));
    const categorySlugs = new Set(catalog.categories.map((category) => category.slug));
    const vehicleBrandSlugs = new Set(catalog.vehicleBrands.map((brand) => brand.slug));
    expectEvery(articles, (article) => brandSlugs.has(article.brandSlug) && categorySlugs.has(article.categorySlug));
    expectEvery(
      articles,
      ({ vehicleBrandSlugs: fits }) => inRange(fits.length, 1, 6) && new Set(fits).size === fits.length && fits.every((slug) => vehicleBrandSlugs.has(slug)),
    );
  });

  it('has the five categories in order', () => {
    expect(catalog.categories.map((category) => [category.slug, category.season, category.sortOrder])).toEqual([
      ['summer-tyres', 'summer', 1],
      ['winter-tyres', 'winter', 2],
      ['all-season-tyres', 'all_season', 3],
      ['alloy-wheels', null, 4],
      ['steel-wheels', null, 5],
    ]);
  });

  it('splits roughly 80 % tyres and 20 % wheels', () => {
    const byCategory = countBy(articles, (article) => article.categorySlug);
    expect(byCategory.get('summer-tyres')).toBe(7_200);
    expect(byCategory.get('winter-tyres')).toBe(4_800);
    expect(byCategory.get('all-season-tyres')).toBe(4_000);
    expect(byCategory.get('alloy-wheels')).toBe(3_000);
    expect(byCategory.get('steel-wheels')).toBe(1_000);
  });

  it('stocks the big five generously in every tyre season', () => {
    const names = catalog.brands.map((brand) => brand.name);
    expect(names).toEqual(expect.arrayContaining(['Michelin', 'Continental', 'Pirelli', 'Bridgestone', 'Goodyear']));
    const byBrandAndCategory = countBy(articles, (article) => `${article.brandSlug}/${article.categorySlug}`);
    for (const brand of bigFive) {
      for (const category of tyreCategories) {
        expect(byBrandAndCategory.get(`${brand}/${category}`) ?? 0).toBeGreaterThan(200);
      }
    }
  });

  it('carries every brand in every category it makes, even in a small catalog', () => {
    const categoriesMade = (list: readonly GeneratedArticle[]) => {
      const made = new Map<string, Set<string>>();
      for (const article of list) {
        made.set(article.brandSlug, (made.get(article.brandSlug) ?? new Set<string>()).add(article.categorySlug));
      }
      return made;
    };
    const small = generateCatalog({ articleCount: 300, seed: 3 });
    const inSmall = categoriesMade(small.articles);
    const inLarge = categoriesMade(articles);
    for (const brand of small.brands) {
      expect(inSmall.get(brand.slug), brand.slug).toEqual(inLarge.get(brand.slug));
    }
    const tyreBrands = [...inLarge].filter(([, made]) => made.has('summer-tyres'));
    expect(tyreBrands.length).toBeGreaterThanOrEqual(30);
    for (const [brand] of tyreBrands) expect(inSmall.get(brand), brand).toEqual(new Set(tyreCategories));
  });

  it('fills tyre fields for tyres and wheel fields for wheels only', () => {
    const tyres = articles.filter((article) => article.kind === 'tyre');
    const wheels = articles.filter((article) => article.kind === 'wheel');
    expect(tyres.length + wheels.length).toBe(articles.length);
    expectEvery(
      tyres,
      (tyre) =>
        tyre.season != null &&
        inRange(tyre.aspectRatio, 30, 80) &&
        inRange(tyre.loadIndex, 70, 120) &&
        /^[QRSTHVWY]$/.test(tyre.speedRating ?? '') &&
        /^[A-E]$/.test(tyre.euFuelClass ?? '') &&
        /^[A-E]$/.test(tyre.euWetGripClass ?? '') &&
        inRange(tyre.euNoiseDb, 67, 75) &&
        /^[ABC]$/.test(tyre.euNoiseClass ?? '') &&
        tyre.boltPattern == null &&
        tyre.offsetMm == null &&
        / \d{3}\/\d{2} R\d{2} \d{2,3}[A-Z]/.test(tyre.name),
    );
    expectEvery(
      wheels,
      (wheel) =>
        wheel.season == null &&
        wheel.aspectRatio == null &&
        wheel.loadIndex == null &&
        wheel.speedRating == null &&
        wheel.euFuelClass == null &&
        wheel.euNoiseDb == null &&
        inRange(wheel.width, 60, 95) &&
        inRange(wheel.rimDiameter, 15, 20) &&
        inRange(wheel.offsetMm, 25, 50) &&
        /^\dx\d+(\.\d)?$/.test(wheel.boltPattern ?? '') &&
        / \d\.\dJx\d{2} ET\d{2} /.test(wheel.name),
    );
  });

  it('prices every article in positive whole cents within realistic bounds', () => {
    expectEvery(articles, (article) => {
      const [min, max] = article.kind === 'tyre' ? [4_000, 35_000] : [6_000, 60_000];
      return Number.isInteger(article.basePriceCents) && inRange(article.basePriceCents, min, max);
    });
    expectEvery(articles, (article) => article.currency === 'EUR');
  });

  it('prices bigger rims and the big five higher on average', () => {
    const averagePrice = (filter: (article: GeneratedArticle) => boolean) => {
      const selected = articles.filter(filter);
      return selected.reduce((sum, article) => sum + article.basePriceCents, 0) / selected.length;
    };
    const tyres = (article: GeneratedArticle) => article.kind === 'tyre';
    expect(averagePrice((a) => tyres(a) && a.rimDiameter >= 19)).toBeGreaterThan(averagePrice((a) => tyres(a) && a.rimDiameter <= 15));
    expect(averagePrice((a) => tyres(a) && a.brandSlug === 'michelin')).toBeGreaterThan(averagePrice((a) => tyres(a) && a.brandSlug === 'barum'));
  });

  it('leaves roughly 15 % of articles out of stock', () => {
    const outOfStock = articles.filter((article) => article.stock === 0).length / articles.length;
    expect(outOfStock).toBeGreaterThan(0.12);
    expect(outOfStock).toBeLessThan(0.18);
    expectEvery(articles, (article) => inRange(article.stock, 0, 200));
  });
});
