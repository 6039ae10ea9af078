import type { NewArticle } from '../schema';

/**
 * Static reference data for the demo catalog: real brand names, plausible model names and sizes
 * that exist on the market, so that search, facets and size filters behave like a real shop.
 */

export type ProductKind = NewArticle['kind'];
export type Season = NonNullable<NewArticle['season']>;
export type WheelMaterial = 'alloy' | 'steel';

/** Drives how often a brand appears and how it is priced; the big five are always well stocked. */
export type BrandTier = 'featured' | 'premium' | 'quality' | 'budget';

export type CatalogBrand = { slug: string; name: string; kind: ProductKind; tier: BrandTier };

const tyreBrand = (slug: string, name: string, tier: BrandTier): CatalogBrand => ({ slug, name, kind: 'tyre', tier });
const wheelBrand = (slug: string, name: string, tier: BrandTier): CatalogBrand => ({ slug, name, kind: 'wheel', tier });

export const tyreBrands: readonly CatalogBrand[] = [
  tyreBrand('michelin', 'Michelin', 'featured'),
  tyreBrand('continental', 'Continental', 'featured'),
  tyreBrand('pirelli', 'Pirelli', 'featured'),
  tyreBrand('bridgestone', 'Bridgestone', 'featured'),
  tyreBrand('goodyear', 'Goodyear', 'featured'),
  tyreBrand('dunlop', 'Dunlop', 'premium'),
  tyreBrand('hankook', 'Hankook', 'premium'),
  tyreBrand('nokian', 'Nokian Tyres', 'premium'),
  tyreBrand('vredestein', 'Vredestein', 'premium'),
  tyreBrand('yokohama', 'Yokohama', 'premium'),
  tyreBrand('falken', 'Falken', 'quality'),
  tyreBrand('toyo', 'Toyo', 'quality'),
  tyreBrand('kumho', 'Kumho', 'quality'),
  tyreBrand('nexen', 'Nexen', 'quality'),
  tyreBrand('bfgoodrich', 'BFGoodrich', 'quality'),
  tyreBrand('firestone', 'Firestone', 'quality'),
  tyreBrand('kleber', 'Kleber', 'quality'),
  tyreBrand('uniroyal', 'Uniroyal', 'quality'),
  tyreBrand('semperit', 'Semperit', 'quality'),
  tyreBrand('general-tire', 'General Tire', 'quality'),
  tyreBrand('fulda', 'Fulda', 'quality'),
  tyreBrand('maxxis', 'Maxxis', 'quality'),
  tyreBrand('cooper', 'Cooper', 'quality'),
  tyreBrand('barum', 'Barum', 'budget'),
  tyreBrand('sava', 'Sava', 'budget'),
  tyreBrand('laufenn', 'Laufenn', 'budget'),
  tyreBrand('nankang', 'Nankang', 'budget'),
  tyreBrand('gt-radial', 'GT Radial', 'budget'),
  tyreBrand('debica', 'Dębica', 'budget'),
  tyreBrand('kormoran', 'Kormoran', 'budget'),
];

export const wheelBrands: readonly CatalogBrand[] = [
  wheelBrand('bbs', 'BBS', 'featured'),
  wheelBrand('oz-racing', 'OZ Racing', 'featured'),
  wheelBrand('enkei', 'Enkei', 'premium'),
  wheelBrand('ronal', 'Ronal', 'premium'),
  wheelBrand('borbet', 'Borbet', 'quality'),
  wheelBrand('msw', 'MSW', 'quality'),
  wheelBrand('aez', 'AEZ', 'quality'),
  wheelBrand('alutec', 'Alutec', 'quality'),
  wheelBrand('rial', 'Rial', 'budget'),
  wheelBrand('dezent', 'Dezent', 'budget'),
  wheelBrand('kronprinz', 'Kronprinz', 'quality'),
  wheelBrand('magnetto', 'Magnetto', 'budget'),
];

export const catalogBrands: readonly CatalogBrand[] = [...tyreBrands, ...wheelBrands];

export type CatalogCategory = {
  slug: string;
  name: string;
  kind: ProductKind;
  season: Season | null;
  sortOrder: number;
  wheelMaterial: WheelMaterial | null;
};

export const catalogCategories: readonly CatalogCategory[] = [
  { slug: 'summer-tyres', name: 'Summer tyres', kind: 'tyre', season: 'summer', sortOrder: 1, wheelMaterial: null },
  { slug: 'winter-tyres', name: 'Winter tyres', kind: 'tyre', season: 'winter', sortOrder: 2, wheelMaterial: null },
  {
    slug: 'all-season-tyres',
    name: 'All-season tyres',
    kind: 'tyre',
    season: 'all_season',
    sortOrder: 3,
    wheelMaterial: null,
  },
  { slug: 'alloy-wheels', name: 'Alloy wheels', kind: 'wheel', season: null, sortOrder: 4, wheelMaterial: 'alloy' },
  { slug: 'steel-wheels', name: 'Steel wheels', kind: 'wheel', season: null, sortOrder: 5, wheelMaterial: 'steel' },
];

export const catalogVehicleBrands: readonly { slug: string; name: string }[] = [
  { slug: 'audi', name: 'Audi' },
  { slug: 'bmw', name: 'BMW' },
  { slug: 'citroen', name: 'Citroën' },
  { slug: 'dacia', name: 'Dacia' },
  { slug: 'fiat', name: 'Fiat' },
  { slug: 'ford', name: 'Ford' },
  { slug: 'honda', name: 'Honda' },
  { slug: 'hyundai', name: 'Hyundai' },
  { slug: 'jeep', name: 'Jeep' },
  { slug: 'kia', name: 'Kia' },
  { slug: 'land-rover', name: 'Land Rover' },
  { slug: 'mazda', name: 'Mazda' },
  { slug: 'mercedes-benz', name: 'Mercedes-Benz' },
  { slug: 'mini', name: 'Mini' },
  { slug: 'nissan', name: 'Nissan' },
  { slug: 'opel', name: 'Opel' },
  { slug: 'peugeot', name: 'Peugeot' },
  { slug: 'porsche', name: 'Porsche' },
  { slug: 'renault', name: 'Renault' },
  { slug: 'seat', name: 'Seat' },
  { slug: 'skoda', name: 'Skoda' },
  { slug: 'tesla', name: 'Tesla' },
  { slug: 'toyota', name: 'Toyota' },
  { slug: 'volkswagen', name: 'Volkswagen' },
  { slug: 'volvo', name: 'Volvo' },
];

/** Size classes group sizes by the cars that run them, so a sport tyre never lands on a 13" rim. */
export type SizeClass = 'city' | 'family' | 'performance' | 'suv';

export type TyreSize = {
  width: number;
  aspectRatio: number;
  rimDiameter: number;
  loadIndex: number;
  /** Speed ratings offered in this size, slowest first. */
  speedRatings: readonly string[];
  sizeClass: SizeClass;
};

const tyreSize = (size: string, loadIndex: number, speedRatings: string, sizeClass: SizeClass): TyreSize => {
  const match = /^(\d{3})\/(\d{2}) R(\d{2})$/.exec(size);
  if (!match) throw new Error(`Malformed tyre size: ${size}`);
  const [, width, aspectRatio, rimDiameter] = match.map(Number);
  if (width === undefined || aspectRatio === undefined || rimDiameter === undefined) {
    throw new Error(`Malformed tyre size: ${size}`);
  }
  return { width, aspectRatio, rimDiameter, loadIndex, speedRatings: [...speedRatings], sizeClass };
};

export const tyreSizes: readonly TyreSize[] = [
  tyreSize('155/70 R13', 75, 'T', 'city'),
  tyreSize('165/70 R14', 81, 'T', 'city'),
  tyreSize('175/65 R14', 82, 'TH', 'city'),
  tyreSize('185/65 R14', 86, 'TH', 'city'),
  tyreSize('165/65 R15', 81, 'T', 'city'),
  tyreSize('175/65 R15', 84, 'TH', 'city'),
  tyreSize('185/60 R15', 84, 'TH', 'city'),
  tyreSize('185/65 R15', 88, 'TH', 'city'),
  tyreSize('195/65 R15', 91, 'THV', 'city'),
  tyreSize('195/55 R16', 87, 'HV', 'family'),
  tyreSize('205/55 R16', 91, 'HVW', 'family'),
  tyreSize('205/60 R16', 92, 'HV', 'family'),
  tyreSize('215/55 R16', 93, 'HVW', 'family'),
  tyreSize('215/60 R16', 95, 'HV', 'family'),
  tyreSize('205/50 R17', 89, 'VW', 'family'),
  tyreSize('215/55 R17', 94, 'VW', 'family'),
  tyreSize('225/45 R17', 91, 'VWY', 'family'),
  tyreSize('225/50 R17', 94, 'VWY', 'family'),
  tyreSize('225/55 R17', 97, 'VW', 'family'),
  tyreSize('225/40 R18', 88, 'WY', 'performance'),
  tyreSize('235/40 R18', 91, 'WY', 'performance'),
  tyreSize('245/40 R18', 93, 'WY', 'performance'),
  tyreSize('245/45 R18', 96, 'WY', 'performance'),
  tyreSize('225/40 R19', 89, 'WY', 'performance'),
  tyreSize('245/35 R19', 89, 'WY', 'performance'),
  tyreSize('255/35 R19', 92, 'WY', 'performance'),
  tyreSize('255/40 R19', 96, 'WY', 'performance'),
  tyreSize('245/35 R20', 91, 'WY', 'performance'),
  tyreSize('265/35 R20', 95, 'WY', 'performance'),
  tyreSize('275/35 R21', 99, 'Y', 'performance'),
  tyreSize('215/65 R16', 98, 'HV', 'suv'),
  tyreSize('215/60 R17', 96, 'HV', 'suv'),
  tyreSize('225/65 R17', 102, 'HV', 'suv'),
  tyreSize('235/65 R17', 104, 'HV', 'suv'),
  tyreSize('265/65 R17', 112, 'TH', 'suv'),
  tyreSize('235/55 R18', 100, 'VW', 'suv'),
  tyreSize('235/60 R18', 103, 'HVW', 'suv'),
  tyreSize('255/55 R18', 105, 'VW', 'suv'),
  tyreSize('235/55 R19', 101, 'VW', 'suv'),
  tyreSize('255/50 R19', 103, 'VWY', 'suv'),
  tyreSize('255/45 R20', 101, 'VWY', 'suv'),
  tyreSize('275/45 R20', 106, 'VWY', 'suv'),
];

/** The order of the ISO speed symbols, slowest first; used to cap winter and all-season ratings. */
export const speedRatingOrder = 'QRSTHVWY';

/** A tyre line's segment decides which size classes it is made in. */
export type TyreSegment = 'touring' | 'sport' | 'suv';

export const sizeClassesBySegment: Readonly<Record<TyreSegment, readonly SizeClass[]>> = {
  touring: ['city', 'family'],
  sport: ['family', 'performance'],
  suv: ['suv'],
};

export type TyreModel = { name: string; code: string; season: Season; segment: TyreSegment };

const tyreModel = (name: string, code: string, season: Season, segment: TyreSegment = 'touring'): TyreModel => ({
  name,
  code,
  season,
  segment,
});

export { tyreModelsByBrand } from './tyre-models';
