import { catalogBrands } from '@/db/seed/catalog-data';
import { generateCatalog, slugify, type GeneratedArticle } from '@/db/seed/generate-catalog';
import { createRandom, type Random } from './random';

/**
 * The demo generator's catalog (42 real brands, 5 categories) widened to platform scale: 200 brands and
 * 50 categories. Real brands and categories stay; a deterministic share of the articles moves to
 * synthetic brands (with their own model names) and to narrower sub-categories of the same kind.
 */
const BRAND_COUNT = 200;
const CATEGORY_COUNT = 50;

type Kind = 'tyre' | 'wheel';
type BrandRow = { id: number; slug: string; name: string; kind: Kind; models: string[] };
type CategoryRow = { id: number; slug: string; name: string; kind: Kind; season: string | null; sortOrder: number; parent: string };
export type ArticleRow = Omit<GeneratedArticle, 'brandSlug' | 'categorySlug' | 'vehicleBrandSlugs'> & {
  id: number;
  brandId: number;
  categoryId: number;
  vehicleBrandIds: number[];
};
export interface PlatformCatalog {
  brands: BrandRow[];
  categories: CategoryRow[];
  vehicleBrands: { id: number; slug: string; name: string }[];
  articles: ArticleRow[];
}

const brandHeads = ['Nord', 'Vel', 'Star', 'Aero', 'Terra', 'Gran', 'Pro', 'Tri', 'Max', 'Alp', 'Rho', 'Sil', 'Cor', 'Kai', 'Zen', 'Orb'];
const brandTails = ['tread', 'grip', 'ax', 'ion', 'ora', 'tec', 'line', 'stone', 'ride', 'flex'];
const modelWords = ['Eco', 'Sport', 'Grip', 'Touring', 'Ice', 'Trail', 'Comfort', 'Drive', 'Aqua', 'Road', 'Snow', 'Quattro', 'Vector', 'Pulse'];
const wheelWords = ['Blade', 'Spoke', 'Vortex', 'Mesh', 'Turbine', 'Classic', 'Rally', 'Arrow', 'Star', 'Flow'];

const tyreQualifiers = [
  'Car',
  'SUV and 4x4',
  'Van and light truck',
  'Run-flat',
  'High performance',
  'Ultra high performance',
  'Economy',
  'Reinforced XL',
  'Electric vehicle',
  'Classic car',
  'Off-road',
  'Low noise',
];
const wheelSubcategories: Record<string, string[]> = {
  'alloy-wheels': ['Forged alloy wheels', 'Flow-formed alloy wheels', 'Winter alloy wheels', 'Off-road alloy wheels', 'Replica alloy wheels'],
  'steel-wheels': ['Van steel wheels', 'Trailer steel wheels', 'Space-saver spare wheels', 'Heavy-duty steel wheels'],
};
const seasonName: Record<string, string> = { summer: 'summer tyres', winter: 'winter tyres', all_season: 'all-season tyres' };

function syntheticBrands(real: BrandRow[], random: Random): BrandRow[] {
  const names = brandHeads.flatMap((head) => brandTails.map((tail) => `${head}${tail}`));
  const wheelShare = real.filter((b) => b.kind === 'wheel').length / real.length;
  return random.sample(names, BRAND_COUNT - real.length).map((name, index) => {
    const kind: Kind = index < Math.round((BRAND_COUNT - real.length) * wheelShare) ? 'wheel' : 'tyre';
    const words = kind === 'tyre' ? modelWords : wheelWords;
    const models = random.sample(words, 4).map((w, i) => (kind === 'tyre' ? `${w}${random.pick(['', ' Pro', ' 2', ' 3', ' Plus'])}` : `${w} ${i + 1}`));
    return { id: real.length + index + 1, slug: slugify(name), name, kind, models };
  });
}

function syntheticCategories(real: CategoryRow[]): CategoryRow[] {
  const out: CategoryRow[] = [];
  for (const parent of real) {
    const names =
      parent.kind === 'tyre' ? tyreQualifiers.map((q) => `${q} ${seasonName[parent.season ?? ''] ?? 'tyres'}`) : (wheelSubcategories[parent.slug] ?? []);
    for (const name of names) {
      out.push({
        id: real.length + out.length + 1,
        slug: slugify(name),
        name,
        kind: parent.kind,
        season: parent.season,
        sortOrder: 10 + out.length,
        parent: parent.slug,
      });
    }
  }
  if (real.length + out.length !== CATEGORY_COUNT) throw new Error(`expected ${CATEGORY_COUNT} categories, built ${real.length + out.length}`);
  return out;
}

function uniqueKeys() {
  const used = new Set<string>();
  return (base: string) => {
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
    used.add(key);
    return key;
  };
}

/** The article's name and keys under a synthetic brand: same size and specs, the brand's own model line. */
function rebrand(article: GeneratedArticle, brand: BrandRow, random: Random, keys: { sku: (b: string) => string; slug: (b: string) => string }) {
  const model = random.pick(brand.models);
  const spec =
    article.kind === 'tyre'
      ? `${article.width}/${article.aspectRatio} R${article.rimDiameter} ${article.loadIndex}${article.speedRating}`
      : `${((article.width ?? 0) / 10).toFixed(1)}Jx${article.rimDiameter} ET${article.offsetMm} ${article.boltPattern}`;
  const name = `${brand.name} ${model} ${spec}`;
  const description =
    article.kind === 'tyre' && article.description
      ? `The ${brand.name} ${model}${article.description.slice(article.description.indexOf(' is '))}`
      : article.description;
  const skuBase = `${brand.slug.slice(0, 3).toUpperCase()}-${slugify(model).toUpperCase()}-${slugify(spec).toUpperCase()}`;
  return { name, description, sku: keys.sku(skuBase), slug: keys.slug(slugify(name)) };
}

export function buildPlatformCatalog(articleCount: number, seed = 1): PlatformCatalog {
  const generated = generateCatalog({ articleCount, seed });
  const random = createRandom(seed * 7919);
  const kindOf = new Map(catalogBrands.map((b) => [b.slug, b.kind]));
  const realBrands: BrandRow[] = generated.brands.map((b, i) => ({ id: i + 1, slug: b.slug, name: b.name, kind: kindOf.get(b.slug) ?? 'tyre', models: [] }));
  const realCategories: CategoryRow[] = generated.categories.map((c, i) => ({
    id: i + 1,
    slug: c.slug,
    name: c.name,
    kind: c.kind,
    season: c.season ?? null,
    sortOrder: c.sortOrder ?? i,
    parent: c.slug,
  }));
  const extraBrands = syntheticBrands(realBrands, random);
  const extraCategories = syntheticCategories(realCategories);
  const brandBySlug = new Map(realBrands.map((b) => [b.slug, b]));
  const categoryBySlug = new Map(realCategories.map((c) => [c.slug, c]));
  const vehicleBrands = generated.vehicleBrands.map((v, i) => ({ id: i + 1, ...v }));
  const vehicleIds = new Map(vehicleBrands.map((v) => [v.slug, v.id]));
  const keys = { sku: uniqueKeys(), slug: uniqueKeys() };
  for (const a of generated.articles) {
    keys.sku(a.sku);
    keys.slug(a.slug);
  }
  const extraBrandsOf = { tyre: extraBrands.filter((b) => b.kind === 'tyre'), wheel: extraBrands.filter((b) => b.kind === 'wheel') };
  const subcategoriesOf = new Map(realCategories.map((c) => [c.slug, extraCategories.filter((x) => x.parent === c.slug)]));

  const articles = generated.articles.map((article, index): ArticleRow => {
    const { brandSlug, categorySlug, vehicleBrandSlugs, ...rest } = article;
    let brand = brandBySlug.get(brandSlug);
    const parent = categoryBySlug.get(categorySlug);
    if (!brand || !parent) throw new Error(`unknown brand or category on ${article.sku}`);
    let fields = {};
    if (random.chance(0.6)) {
      brand = random.pick(extraBrandsOf[article.kind]);
      fields = rebrand(article, brand, random, keys);
    }
    const subs = subcategoriesOf.get(parent.slug) ?? [];
    const category = subs.length > 0 && random.chance(parent.kind === 'tyre' ? 0.65 : 0.6) ? random.pick(subs) : parent;
    return {
      ...rest,
      ...fields,
      id: index + 1,
      brandId: brand.id,
      categoryId: category.id,
      vehicleBrandIds: vehicleBrandSlugs.map((s) => vehicleIds.get(s) ?? 0).filter((id) => id > 0),
    };
  });
  return { brands: [...realBrands, ...extraBrands], categories: [...realCategories, ...extraCategories], vehicleBrands, articles };
}
