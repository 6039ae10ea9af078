import type { categories, NewArticle } from '../schema';
import { slugify } from '../../lib/catalog/slugify';
import { mulberry32 } from './mulberry32';
import {
  boltPatterns,
  catalogBrands,
  catalogCategories,
  catalogVehicleBrands,
  sizeClassesBySegment,
  speedRatingOrder,
  tyreMarkings,
  tyreModelsByBrand,
  tyreSizes,
  vehicleBrandsByBoltPattern,
  vehicleBrandsBySizeClass,
  wheelFinishesByMaterial,
  wheelModels,
  wheelOffsetsByMaterial,
  wheelSizesByMaterial,
  type BrandTier,
  type CatalogBrand,
  type CatalogCategory,
  type Season,
  type TyreMarking,
  type TyreModel,
  type TyreSegment,
  type TyreSize,
  type WheelMaterial,
  type WheelModel,
} from './catalog-data';

export { slugify };

export type GeneratedArticle = Omit<NewArticle, 'brandId' | 'categoryId'> & {
  brandSlug: string;
  categorySlug: string;
  vehicleBrandSlugs: string[];
};

export type GeneratedCatalog = {
  brands: { slug: string; name: string }[];
  categories: (typeof categories.$inferInsert)[];
  vehicleBrands: { slug: string; name: string }[];
  articles: GeneratedArticle[];
};

export type GenerateCatalogOptions = { articleCount: number; seed?: number };

/** Builds the demo catalog in memory. The same options always give the same catalog, row for row. */
export function generateCatalog({ articleCount, seed = 1 }: GenerateCatalogOptions): GeneratedCatalog {
  if (!Number.isInteger(articleCount) || articleCount < 0) {
    throw new RangeError(`articleCount must be a non-negative integer, got ${articleCount}`);
  }
  const random = createRandom(seed);
  const keys = { sku: createUniqueKeys(), slug: createUniqueKeys() };
  const articles = planSlots(articleCount, random).map(({ brand, category }) =>
    category.kind === 'tyre' ? buildTyre(brand, category, random, keys) : buildWheel(brand, category, random, keys),
  );
  return {
    brands: catalogBrands.map(({ slug, name }) => ({ slug, name })),
    categories: catalogCategories.map(({ slug, name, kind, season, sortOrder }) => ({
      slug,
      name,
      kind,
      season,
      sortOrder,
    })),
    vehicleBrands: catalogVehicleBrands.map(({ slug, name }) => ({ slug, name })),
    articles,
  };
}

// ---- Randomness ----------------------------------------------------------------------------------

type Random = ReturnType<typeof createRandom>;

/** Helpers over a seeded sequence, so a seed reproduces the same catalog. */
function createRandom(seed: number) {
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => itemAt(items, Math.floor(next() * items.length));
  const chance = (probability: number): boolean => next() < probability;
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = int(0, i);
      [items[i], items[j]] = [itemAt(items, j), itemAt(items, i)];
    }
    return items;
  };
  const sample = <T>(items: readonly T[], count: number): T[] => shuffle([...items]).slice(0, count);
  return { next, int, pick, chance, shuffle, sample };
}

function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`No item at index ${index} of ${items.length}`);
  return item;
}

/** Appends -2, -3, … to repeats: at 100k articles the same model and size recur many times. */
function createUniqueKeys() {
  const used = new Set<string>();
  const lastSuffix = new Map<string, number>();
  return (base: string): string => {
    let suffix = lastSuffix.get(base) ?? 1;
    let key = suffix === 1 ? base : `${base}-${suffix}`;
    while (used.has(key)) {
      suffix += 1;
      key = `${base}-${suffix}`;
    }
    lastSuffix.set(base, suffix);
    used.add(key);
    return key;
  };
}

type UniqueKeys = { sku: (base: string) => string; slug: (base: string) => string };

// ---- Assortment plan -----------------------------------------------------------------------------

/** 80 % tyres (45/30/25 summer/winter/all-season), 20 % wheels (75/25 alloy/steel). */
const categoryShares: Readonly<Record<string, number>> = {
  'summer-tyres': 0.8 * 0.45,
  'winter-tyres': 0.8 * 0.3,
  'all-season-tyres': 0.8 * 0.25,
  'alloy-wheels': 0.2 * 0.75,
  'steel-wheels': 0.2 * 0.25,
};

/** The big five dominate a real wholesale range; budget brands fill the gaps. */
const tierWeights: Readonly<Record<BrandTier, number>> = { featured: 10, premium: 4, quality: 3, budget: 2 };

type Slot = { brand: CatalogBrand; category: CatalogCategory };

function planSlots(articleCount: number, random: Random): Slot[] {
  const counts = splitByShares(
    articleCount,
    catalogCategories.map((category) => categoryShares[category.slug] ?? 0),
  );
  const slots: Slot[] = [];
  catalogCategories.forEach((category, index) => {
    const brands = catalogBrands.filter((brand) => modelsOf(brand, category).length > 0);
    const pickBrand = weightedPicker(brands, (brand) => tierWeights[brand.tier], random);
    const count = counts[index] ?? 0;
    for (let n = 0; n < count; n++) {
      // One of each brand first, so even a small catalog carries every brand in every category it makes.
      slots.push({ brand: n < brands.length ? itemAt(brands, n) : pickBrand(), category });
    }
  });
  // Interleaved so that ids (and "newest first" listings) mix categories and brands.
  return random.shuffle(slots);
}

/** Largest-remainder split: the counts always add up to `total`. */
function splitByShares(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((share) => (total * share) / sum);
  const counts = exact.map(Math.floor);
  const byRemainder = exact.map((value, index) => ({ index, rest: value - Math.floor(value) }));
  byRemainder.sort((a, b) => b.rest - a.rest || a.index - b.index);
  let missing = total - counts.reduce((a, b) => a + b, 0);
  for (const { index } of byRemainder) {
    if (missing-- <= 0) break;
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

function weightedPicker<T>(items: readonly T[], weight: (item: T) => number, random: Random): () => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) cumulative.push((total += weight(item)));
  return () => {
    const target = random.next() * total;
    const index = cumulative.findIndex((bound) => target < bound);
    return itemAt(items, index === -1 ? items.length - 1 : index);
  };
}

const tyreModelIndex = new Map<string, readonly TyreModel[]>();
const wheelModelIndex = new Map<string, readonly WheelModel[]>();

function modelsOf(brand: CatalogBrand, category: CatalogCategory): readonly (TyreModel | WheelModel)[] {
  return category.kind === 'tyre' ? tyreModelsFor(brand.slug, requireSeason(category)) : wheelModelsFor(brand.slug, requireMaterial(category));
}

function tyreModelsFor(brandSlug: string, season: Season): readonly TyreModel[] {
  const key = `${brandSlug}:${season}`;
  let models = tyreModelIndex.get(key);
  if (!models) {
    models = (tyreModelsByBrand[brandSlug] ?? []).filter((model) => model.season === season);
    tyreModelIndex.set(key, models);
  }
  return models;
}

function wheelModelsFor(brandSlug: string, material: WheelMaterial): readonly WheelModel[] {
  const key = `${brandSlug}:${material}`;
  let models = wheelModelIndex.get(key);
  if (!models) {
    models = wheelModels.filter((model) => model.brandSlug === brandSlug && model.material === material);
    wheelModelIndex.set(key, models);
  }
  return models;
}

function requireSeason(category: CatalogCategory): Season {
  if (!category.season) throw new Error(`Tyre category ${category.slug} has no season`);
  return category.season;
}

function requireMaterial(category: CatalogCategory): WheelMaterial {
  if (!category.wheelMaterial) throw new Error(`Wheel category ${category.slug} has no material`);
  return category.wheelMaterial;
}

// ---- Tyres ---------------------------------------------------------------------------------------

const sizesBySegment: Readonly<Record<TyreSegment, readonly TyreSize[]>> = {
  touring: tyreSizes.filter((size) => sizeClassesBySegment.touring.includes(size.sizeClass)),
  sport: tyreSizes.filter((size) => sizeClassesBySegment.sport.includes(size.sizeClass)),
  suv: tyreSizes.filter((size) => sizeClassesBySegment.suv.includes(size.sizeClass)),
};

/** Winter compounds are rarely rated above V, all-season ones above W. */
const maxSpeedRatingBySeason: Readonly<Record<Season, string>> = { summer: 'Y', winter: 'V', all_season: 'W' };

const seasonBlurbs: Readonly<Record<Season, string>> = {
  summer: 'a summer tyre built for precise handling and short braking distances on dry and wet roads',
  winter: 'a winter tyre with the 3PMSF snowflake mark, for grip on snow, slush and cold tarmac below 7 °C',
  all_season: 'an all-season tyre with the 3PMSF mark, for year-round driving in moderate climates',
};

function buildTyre(brand: CatalogBrand, category: CatalogCategory, random: Random, keys: UniqueKeys): GeneratedArticle {
  const season = requireSeason(category);
  const model = random.pick(tyreModelsFor(brand.slug, season));
  const size = random.pick(sizesBySegment[model.segment]);
  const speedRating = pickSpeedRating(size, season, random);
  const marking = pickMarking(brand, model, random);
  const loadIndex = size.loadIndex + (marking?.loadIndexDelta ?? 0);
  const sizeText = `${size.width}/${size.aspectRatio} R${size.rimDiameter}`;
  const service = `${loadIndex}${speedRating}`;
  const label = pickEuLabel(brand.tier, season, model.segment, random);
  const skuBase = `${skuPrefix(brand)}-${size.width}${size.aspectRatio}${size.rimDiameter}-${model.code}-${service}`;
  return {
    sku: keys.sku(marking ? `${skuBase}-${marking.code}` : skuBase),
    slug: keys.slug(slugify(`${brand.name} ${model.name} ${sizeText} ${service} ${marking?.code ?? ''}`)),
    name: [brand.name, model.name, sizeText, service, marking?.label].filter(Boolean).join(' '),
    description:
      `The ${brand.name} ${model.name} is ${seasonBlurbs[season]}. EU label: fuel efficiency ${label.fuel}, ` +
      `wet grip ${label.wetGrip}, ${label.noiseDb} dB (class ${label.noiseClass}).`,
    kind: 'tyre',
    season,
    width: size.width,
    aspectRatio: size.aspectRatio,
    rimDiameter: size.rimDiameter,
    loadIndex,
    speedRating,
    euFuelClass: label.fuel,
    euWetGripClass: label.wetGrip,
    euNoiseDb: label.noiseDb,
    euNoiseClass: label.noiseClass,
    boltPattern: null,
    offsetMm: null,
    stock: pickStock(random),
    basePriceCents: tyrePriceCents(brand.tier, season, size, speedRating, marking, random),
    currency: 'EUR',
    brandSlug: brand.slug,
    categorySlug: category.slug,
    vehicleBrandSlugs: pickFitment(vehicleBrandsBySizeClass[size.sizeClass], marking?.oeVehicleBrandSlug, random),
  };
}

function pickSpeedRating(size: TyreSize, season: Season, random: Random): string {
  const cap = speedRatingOrder.indexOf(maxSpeedRatingBySeason[season]);
  const allowed = size.speedRatings.filter((rating) => speedRatingOrder.indexOf(rating) <= cap);
  // Sizes only made in fast ratings keep their slowest one: winter tyres in 255/35 R19 are W-rated.
  return random.pick(allowed.length > 0 ? allowed : size.speedRatings.slice(0, 1));
}

const plainMarkings = tyreMarkings.filter((marking) => marking.oeVehicleBrandSlug === null);

/** Car makers homologate performance and SUV lines from the top brands, not budget touring tyres. */
function pickMarking(brand: CatalogBrand, model: TyreModel, random: Random): TyreMarking | null {
  if (!random.chance(0.25)) return null;
  const oeEligible = model.segment !== 'touring' && (brand.tier === 'featured' || brand.tier === 'premium');
  return random.pick(oeEligible ? tyreMarkings : plainMarkings);
}

const labelClasses = 'ABCDE';
const tierLabelScore: Readonly<Record<BrandTier, number>> = { featured: 0.6, premium: 1, quality: 1.6, budget: 2.2 };

function pickEuLabel(tier: BrandTier, season: Season, segment: TyreSegment, random: Random) {
  const base = tierLabelScore[tier];
  const labelClass = (score: number) => labelClasses.charAt(clamp(Math.round(score), 0, labelClasses.length - 1));
  const fuel = labelClass(base + (season === 'winter' ? 0.8 : 0.3) + random.next() * 1.5 - 0.5);
  const wetGrip = labelClass(base + (season === 'summer' ? 0 : 0.6) + random.next() * 1.5 - 0.7);
  const loudness = (segment === 'touring' ? 0 : 2) + (tier === 'budget' ? 1 : 0);
  const noiseDb = clamp(68 + loudness + random.int(-1, 3), 67, 75);
  const noiseClass = noiseDb <= 68 ? 'A' : noiseDb <= 72 ? 'B' : 'C';
  return { fuel, wetGrip, noiseDb, noiseClass };
}

/** Street prices per tyre excl. VAT for a premium brand, by rim size; bigger rims cost more. */
const tyreEurosByRim: Readonly<Record<number, number>> = {
  13: 62,
  14: 66,
  15: 72,
  16: 82,
  17: 98,
  18: 118,
  19: 142,
  20: 168,
  21: 195,
};
const tyreTierFactor: Readonly<Record<BrandTier, number>> = { featured: 1.15, premium: 1, quality: 0.85, budget: 0.7 };
const tyreSeasonFactor: Readonly<Record<Season, number>> = { summer: 1, winter: 1.06, all_season: 1.04 };

function tyrePriceCents(tier: BrandTier, season: Season, size: TyreSize, speedRating: string, marking: TyreMarking | null, random: Random): number {
  const speedFactor = speedRating === 'Y' ? 1.08 : speedRating === 'W' ? 1.04 : 1;
  const markingFactor = marking === null ? 1 : marking.oeVehicleBrandSlug ? 1.06 : 1.03;
  const euros =
    (tyreEurosByRim[size.rimDiameter] ?? 100) *
    (1 + (size.width - 205) / 400) *
    tyreTierFactor[tier] *
    tyreSeasonFactor[season] *
    speedFactor *
    markingFactor *
    (0.92 + random.next() * 0.16);
  return clamp(Math.round(euros * 10) * 10, 4_000, 35_000);
}

// ---- Wheels --------------------------------------------------------------------------------------

const wheelEurosByRim: Readonly<Record<WheelMaterial, Readonly<Record<number, number>>>> = {
  alloy: { 15: 85, 16: 105, 17: 135, 18: 170, 19: 215, 20: 265 },
  steel: { 15: 78, 16: 88, 17: 104 },
};
const wheelTierFactor: Readonly<Record<BrandTier, number>> = { featured: 1.8, premium: 1.3, quality: 1, budget: 0.85 };

function buildWheel(brand: CatalogBrand, category: CatalogCategory, random: Random, keys: UniqueKeys): GeneratedArticle {
  const material = requireMaterial(category);
  const model = random.pick(wheelModelsFor(brand.slug, material));
  const { rimDiameter, widths } = random.pick(wheelSizesByMaterial[material]);
  const width = random.pick(widths);
  const offsetMm = random.pick(wheelOffsetsByMaterial[material]);
  const boltPattern = random.pick(boltPatterns);
  const finish = random.pick(wheelFinishesByMaterial[material]);
  const sizeText = `${(width / 10).toFixed(1)}Jx${rimDiameter}`;
  const name = `${brand.name} ${model.name} ${sizeText} ET${offsetMm} ${boltPattern}`;
  const skuBase = `${skuPrefix(brand)}-${model.code}-${width}${rimDiameter}-ET${offsetMm}`;
  const euros = (wheelEurosByRim[material][rimDiameter] ?? 150) * wheelTierFactor[brand.tier] * (1 + (width - 70) / 200) * (0.92 + random.next() * 0.16);
  return {
    sku: keys.sku(`${skuBase}-${boltPattern.replace(/\D/g, '')}`),
    slug: keys.slug(slugify(name)),
    name,
    description:
      `${material === 'alloy' ? 'Alloy' : 'Steel'} wheel in ${finish}, ${sizeText} with bolt pattern ${boltPattern} ` +
      `and offset ET${offsetMm}. Check centre bore and vehicle approval before fitting.`,
    kind: 'wheel',
    season: null,
    width,
    aspectRatio: null,
    rimDiameter,
    loadIndex: null,
    speedRating: null,
    euFuelClass: null,
    euWetGripClass: null,
    euNoiseDb: null,
    euNoiseClass: null,
    boltPattern,
    offsetMm,
    stock: pickStock(random),
    basePriceCents: clamp(Math.round(euros * 10) * 10, 6_000, 60_000),
    currency: 'EUR',
    brandSlug: brand.slug,
    categorySlug: category.slug,
    vehicleBrandSlugs: pickFitment(vehicleBrandsByBoltPattern[boltPattern] ?? [], null, random),
  };
}

// ---- Shared helpers ------------------------------------------------------------------------------

/** About 15 % out of stock, so in-stock filters visibly change results. */
function pickStock(random: Random): number {
  return random.chance(0.15) ? 0 : random.int(1, 200);
}

/** 1–6 makes; an OE-marked tyre always lists the make it was homologated for. */
function pickFitment(candidates: readonly string[], required: string | null | undefined, random: Random): string[] {
  const pool = candidates.length > 0 ? candidates : catalogVehicleBrands.map((brand) => brand.slug);
  const chosen = random.sample(pool, random.int(1, Math.min(6, pool.length)));
  if (required && !chosen.includes(required)) chosen[0] = required;
  return chosen.sort();
}

const skuPrefixes = new Map(
  catalogBrands.map((brand) => [
    brand.slug,
    brand.slug
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 3)
      .toUpperCase(),
  ]),
);

function skuPrefix(brand: CatalogBrand): string {
  return skuPrefixes.get(brand.slug) ?? brand.slug.toUpperCase();
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
