import { centsToDecimal, parseEuroCents } from '@/lib/pricing/price-input';
import { NUL_MESSAGE, WITHOUT_NUL } from '@/lib/forms/storable-text';

// One wholesale article as the operator writes it, in the console's form or a row of the catalog CSV,
// and the checks both share. Pure: the taxonomy it resolves names against is passed in.

const SPEED_RATINGS = 'LMNPQRSTUHVWY';
const EU_CLASSES = ['A', 'B', 'C', 'D', 'E'] as const;
const EU_NOISE_CLASSES = ['A', 'B', 'C'] as const;
export const MAX_STOCK = 1_000_000;

/** The fields as text, exactly as typed; every one may be missing. */
export interface ArticleInput {
  sku?: string;
  name?: string;
  description?: string;
  brand?: string;
  category?: string;
  width?: string;
  aspectRatio?: string;
  rimDiameter?: string;
  loadIndex?: string;
  speedRating?: string;
  euFuelClass?: string;
  euWetGripClass?: string;
  euNoiseDb?: string;
  euNoiseClass?: string;
  boltPattern?: string;
  offsetMm?: string;
  stock?: string;
  basePrice?: string;
  /** Vehicle makes by slug or name, separated by `|` or `,`; undefined leaves an article's fitments alone. */
  vehicleMakes?: string;
}

export type ArticleField = keyof ArticleInput;

interface Named {
  id: number;
  slug: string;
  name: string;
}

export interface TaxonomyLookup {
  brands: readonly Named[];
  categories: readonly (Named & { kind: 'tyre' | 'wheel'; season: 'summer' | 'winter' | 'all_season' | null })[];
  vehicleBrands: readonly Named[];
}

/** What an article row holds, ready to write. */
export interface ArticleValues {
  sku: string;
  name: string;
  description: string | null;
  kind: 'tyre' | 'wheel';
  brandId: number;
  categoryId: number;
  season: 'summer' | 'winter' | 'all_season' | null;
  width: number;
  aspectRatio: number | null;
  rimDiameter: number;
  loadIndex: number | null;
  speedRating: string | null;
  euFuelClass: string | null;
  euWetGripClass: string | null;
  euNoiseDb: number | null;
  euNoiseClass: string | null;
  boltPattern: string | null;
  offsetMm: number | null;
  stock: number;
  basePriceCents: number;
  /** Null when the input did not say (the article's fitments stay as they are). */
  vehicleBrandIds: number[] | null;
}

export type ArticleParse = { ok: true; value: ArticleValues } | { ok: false; fieldErrors: Partial<Record<ArticleField, string>> };

export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;
const BOLT_PATTERN = /^([3-8])x(\d{2,3}(?:\.\d)?)$/;

/** Finds a taxonomy entry by id, slug or name, ignoring case and surrounding space. */
function findNamed<T extends Named>(list: readonly T[], raw: string): T | undefined {
  const key = raw.trim().toLowerCase();
  if (key === '') return undefined;
  if (/^\d+$/.test(key)) {
    const byId = list.find((item) => item.id === Number(key));
    if (byId) return byId;
  }
  return list.find((item) => item.slug === key) ?? list.find((item) => item.name.toLowerCase() === key);
}

type NumberRule = { min: number; max: number; label: string; decimals?: 0 | 1 };

/** A whole number (or, with `decimals: 1`, one decimal) within bounds; `null` for an empty cell. */
function parseNumber(raw: string | undefined, rule: NumberRule): { ok: true; value: number | null } | { ok: false; error: string } {
  const text = (raw ?? '').trim().replace(',', '.');
  if (text === '') return { ok: true, value: null };
  const pattern = rule.decimals ? /^-?\d{1,7}(\.\d)?$/ : /^-?\d{1,7}$/;
  if (!pattern.test(text)) return { ok: false, error: `${rule.label} must be ${rule.decimals ? 'a number with at most one decimal' : 'a whole number'}` };
  const value = Number(text);
  if (value < rule.min || value > rule.max)
    return { ok: false, error: `${rule.label} must be between ${rule.min.toLocaleString('en-GB')} and ${rule.max.toLocaleString('en-GB')}` };
  return { ok: true, value };
}

const blankToNull = (raw: string | undefined) => {
  const text = (raw ?? '').trim();
  return text === '' ? null : text;
};

/**
 * Checks one article and resolves its brand, category and vehicle makes. The kind and season follow from
 * the category; tyre-only and wheel-only fields must be empty for the other kind, so a wheel never
 * carries a speed rating by mistake. Wheel widths are written in inches (7.5) and stored in tenths.
 */
export function parseArticleInput(input: ArticleInput, taxonomy: TaxonomyLookup): ArticleParse {
  const errors: Partial<Record<ArticleField, string>> = {};
  const sku = (input.sku ?? '').trim();
  if (sku === '') errors.sku = 'Enter the SKU';
  else if (!SKU_PATTERN.test(sku)) errors.sku = 'The SKU may hold letters, digits and . _ / - (at most 40)';

  const name = (input.name ?? '').trim().replace(/\s+/g, ' ');
  if (!WITHOUT_NUL.test(name)) errors.name = NUL_MESSAGE;
  else if (name.length < 2) errors.name = 'Enter the article name';
  else if (name.length > 160) errors.name = 'The name can be at most 160 characters';

  const description = blankToNull(input.description);
  if (description && !WITHOUT_NUL.test(description)) errors.description = NUL_MESSAGE;
  else if (description && description.length > 2000) errors.description = 'The description can be at most 2,000 characters';

  const brand = findNamed(taxonomy.brands, input.brand ?? '');
  if (!brand) errors.brand = (input.brand ?? '').trim() ? `There is no brand “${input.brand!.trim()}”` : 'Choose a brand';
  const category = findNamed(taxonomy.categories, input.category ?? '');
  if (!category) errors.category = (input.category ?? '').trim() ? `There is no category “${input.category!.trim()}”` : 'Choose a category';
  const kind = category?.kind ?? 'tyre';
  const tyre = kind === 'tyre';

  const width = parseNumber(
    input.width,
    tyre ? { min: 100, max: 400, label: 'Tyre width (mm)' } : { min: 4, max: 15, label: 'Wheel width (inches)', decimals: 1 },
  );
  if (!width.ok) errors.width = width.error;
  else if (width.value === null) errors.width = 'Enter the width';
  const rim = parseNumber(input.rimDiameter, { min: 10, max: 30, label: 'Rim diameter (inches)' });
  if (!rim.ok) errors.rimDiameter = rim.error;
  else if (rim.value === null) errors.rimDiameter = 'Enter the rim diameter';

  const tyreOnly = {
    aspectRatio: input.aspectRatio,
    loadIndex: input.loadIndex,
    speedRating: input.speedRating,
    euFuelClass: input.euFuelClass,
    euWetGripClass: input.euWetGripClass,
    euNoiseDb: input.euNoiseDb,
    euNoiseClass: input.euNoiseClass,
  };
  const wheelOnly = { boltPattern: input.boltPattern, offsetMm: input.offsetMm };
  for (const [field, raw] of Object.entries(tyre ? wheelOnly : tyreOnly)) {
    if (category && blankToNull(raw) !== null) errors[field as ArticleField] = `Leave empty for ${tyre ? 'tyres' : 'wheels'}`;
  }

  const aspect = tyre ? parseNumber(input.aspectRatio, { min: 20, max: 95, label: 'Aspect ratio (%)' }) : ({ ok: true, value: null } as const);
  if (!aspect.ok) errors.aspectRatio = aspect.error;
  else if (tyre && aspect.value === null) errors.aspectRatio = 'Enter the aspect ratio';
  const load = tyre ? parseNumber(input.loadIndex, { min: 50, max: 130, label: 'Load index' }) : ({ ok: true, value: null } as const);
  if (!load.ok) errors.loadIndex = load.error;
  const speedRating = tyre ? (blankToNull(input.speedRating)?.toUpperCase() ?? null) : null;
  if (speedRating !== null && !(speedRating.length === 1 && SPEED_RATINGS.includes(speedRating)))
    errors.speedRating = `The speed rating is one letter of ${SPEED_RATINGS}`;
  const classOf = (raw: string | undefined, allowed: readonly string[], field: ArticleField, label: string) => {
    const value = tyre ? (blankToNull(raw)?.toUpperCase() ?? null) : null;
    if (value !== null && !allowed.includes(value)) errors[field] = `${label} is one of ${allowed.join(', ')}`;
    return value;
  };
  const euFuelClass = classOf(input.euFuelClass, EU_CLASSES, 'euFuelClass', 'The fuel efficiency class');
  const euWetGripClass = classOf(input.euWetGripClass, EU_CLASSES, 'euWetGripClass', 'The wet grip class');
  const euNoiseClass = classOf(input.euNoiseClass, EU_NOISE_CLASSES, 'euNoiseClass', 'The noise class');
  const noise = tyre ? parseNumber(input.euNoiseDb, { min: 50, max: 90, label: 'Rolling noise (dB)' }) : ({ ok: true, value: null } as const);
  if (!noise.ok) errors.euNoiseDb = noise.error;

  const boltPattern = tyre ? null : (blankToNull(input.boltPattern)?.toLowerCase().replace(/\s+/g, '').replace('×', 'x') ?? null);
  if (boltPattern !== null && !BOLT_PATTERN.test(boltPattern)) errors.boltPattern = 'Write the bolt pattern as bolts x circle, e.g. 5x112 or 5x114.3';
  const offset = tyre ? ({ ok: true, value: null } as const) : parseNumber(input.offsetMm, { min: -80, max: 80, label: 'Offset (ET, mm)' });
  if (!offset.ok) errors.offsetMm = offset.error;

  const stock = parseNumber(input.stock, { min: 0, max: MAX_STOCK, label: 'Stock' });
  if (!stock.ok) errors.stock = stock.error;
  else if (stock.value === null) errors.stock = 'Enter the stock (0 when none)';

  const price = parseEuroCents(input.basePrice ?? '');
  if (!price.ok) errors.basePrice = price.error.replace(/\.$/, '');

  let vehicleBrandIds: number[] | null = null;
  if (input.vehicleMakes !== undefined) {
    const names = input.vehicleMakes
      .split(/[|,;]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = names.filter((n) => !findNamed(taxonomy.vehicleBrands, n));
    if (unknown.length > 0) errors.vehicleMakes = `Unknown vehicle make${unknown.length > 1 ? 's' : ''}: ${unknown.slice(0, 5).join(', ')}`;
    vehicleBrandIds = [...new Set(names.flatMap((n) => findNamed(taxonomy.vehicleBrands, n)?.id ?? []))].sort((a, b) => a - b);
  }

  if (Object.keys(errors).length > 0 || !brand || !category || !width.ok || !rim.ok || !stock.ok || !price.ok) return { ok: false, fieldErrors: errors };
  return {
    ok: true,
    value: {
      sku,
      name,
      description,
      kind,
      brandId: brand.id,
      categoryId: category.id,
      season: tyre ? category.season : null,
      width: tyre ? width.value! : Math.round(width.value! * 10),
      aspectRatio: aspect.ok ? aspect.value : null,
      rimDiameter: rim.value!,
      loadIndex: load.ok ? load.value : null,
      speedRating,
      euFuelClass,
      euWetGripClass,
      euNoiseDb: noise.ok ? noise.value : null,
      euNoiseClass,
      boltPattern,
      offsetMm: offset.ok ? offset.value : null,
      stock: stock.value!,
      basePriceCents: price.value,
      vehicleBrandIds,
    },
  };
}

/** The stored columns an import compares to decide whether a row changes anything. */
export const ARTICLE_COLUMNS = [
  'name',
  'description',
  'kind',
  'brandId',
  'categoryId',
  'season',
  'width',
  'aspectRatio',
  'rimDiameter',
  'loadIndex',
  'speedRating',
  'euFuelClass',
  'euWetGripClass',
  'euNoiseDb',
  'euNoiseClass',
  'boltPattern',
  'offsetMm',
  'stock',
  'basePriceCents',
] as const satisfies readonly (keyof ArticleValues)[];

/** The columns of `values` that differ from `stored`, by name. */
export function changedColumns(stored: Record<(typeof ARTICLE_COLUMNS)[number], unknown>, values: ArticleValues): string[] {
  return ARTICLE_COLUMNS.filter((column) => (stored[column] ?? null) !== (values[column] ?? null));
}

/** How the form and the CSV show a stored article (wheel widths back in inches). */
export function articleToInput(
  article: Omit<ArticleValues, 'vehicleBrandIds'> & { brandSlug: string; categorySlug: string },
  vehicleMakeSlugs: readonly string[],
): Required<ArticleInput> {
  const text = (value: number | string | null) => (value === null ? '' : String(value));
  return {
    sku: article.sku,
    name: article.name,
    description: article.description ?? '',
    brand: article.brandSlug,
    category: article.categorySlug,
    width: article.kind === 'wheel' ? (article.width / 10).toFixed(1) : String(article.width),
    aspectRatio: text(article.aspectRatio),
    rimDiameter: String(article.rimDiameter),
    loadIndex: text(article.loadIndex),
    speedRating: article.speedRating ?? '',
    euFuelClass: article.euFuelClass ?? '',
    euWetGripClass: article.euWetGripClass ?? '',
    euNoiseDb: text(article.euNoiseDb),
    euNoiseClass: article.euNoiseClass ?? '',
    boltPattern: article.boltPattern ?? '',
    offsetMm: text(article.offsetMm),
    stock: String(article.stock),
    basePrice: centsToDecimal(article.basePriceCents),
    vehicleMakes: vehicleMakeSlugs.join('|'),
  };
}
