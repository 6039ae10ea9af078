import type { NewArticle } from '../schema';

/**
 * Static reference data for the demo catalog: real brand names, plausible model names and sizes
 * that exist on the market, so that search, facets and size filters behave like a real shop.
 */

type ProductKind = NewArticle['kind'];
export type Season = NonNullable<NewArticle['season']>;
export type WheelMaterial = 'alloy' | 'steel';

/** Drives how often a brand appears and how it is priced; the big five are always well stocked. */
export type BrandTier = 'featured' | 'premium' | 'quality' | 'budget';

export type CatalogBrand = { slug: string; name: string; kind: ProductKind; tier: BrandTier };

const tyreBrand = (slug: string, name: string, tier: BrandTier): CatalogBrand => ({ slug, name, kind: 'tyre', tier });
const wheelBrand = (slug: string, name: string, tier: BrandTier): CatalogBrand => ({ slug, name, kind: 'wheel', tier });

const tyreBrands: readonly CatalogBrand[] = [
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

const wheelBrands: readonly CatalogBrand[] = [
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

/** Real tyre lines where known; the rest are plausible names in each maker's naming style. */
export const tyreModelsByBrand: Readonly<Record<string, readonly TyreModel[]>> = {
  michelin: [
    tyreModel('Pilot Sport 5', 'PS5', 'summer', 'sport'),
    tyreModel('Pilot Sport 4 SUV', 'PS4SUV', 'summer', 'suv'),
    tyreModel('Primacy 4+', 'P4P', 'summer'),
    tyreModel('e.Primacy', 'EPRI', 'summer'),
    tyreModel('Alpin 6', 'ALP6', 'winter'),
    tyreModel('Pilot Alpin 5', 'PA5', 'winter', 'sport'),
    tyreModel('Pilot Alpin 5 SUV', 'PA5SUV', 'winter', 'suv'),
    tyreModel('CrossClimate 2', 'CC2', 'all_season'),
    tyreModel('CrossClimate 2 SUV', 'CC2SUV', 'all_season', 'suv'),
  ],
  continental: [
    tyreModel('PremiumContact 7', 'PC7', 'summer'),
    tyreModel('SportContact 7', 'SC7', 'summer', 'sport'),
    tyreModel('EcoContact 6', 'EC6', 'summer'),
    tyreModel('WinterContact TS 870', 'TS870', 'winter'),
    tyreModel('WinterContact TS 870 P', 'TS870P', 'winter', 'sport'),
    tyreModel('VikingContact 7', 'VC7', 'winter', 'suv'),
    tyreModel('AllSeasonContact 2', 'ASC2', 'all_season'),
    tyreModel('CrossContact ATR', 'CCATR', 'all_season', 'suv'),
  ],
  pirelli: [
    tyreModel('P Zero', 'PZ', 'summer', 'sport'),
    tyreModel('Cinturato P7', 'CP7', 'summer'),
    tyreModel('Scorpion', 'SCO', 'summer', 'suv'),
    tyreModel('Winter Sottozero 3', 'WSZ3', 'winter', 'sport'),
    tyreModel('Cinturato Winter 2', 'CW2', 'winter'),
    tyreModel('Scorpion Winter 2', 'SW2', 'winter', 'suv'),
    tyreModel('Cinturato All Season SF3', 'CASF3', 'all_season'),
    tyreModel('Scorpion All Season SF2', 'SASF2', 'all_season', 'suv'),
  ],
  bridgestone: [
    tyreModel('Turanza 6', 'T6', 'summer'),
    tyreModel('Potenza Sport', 'PSP', 'summer', 'sport'),
    tyreModel('Alenza 001', 'AL001', 'summer', 'suv'),
    tyreModel('Blizzak LM005', 'LM005', 'winter'),
    tyreModel('Blizzak 6', 'BLZ6', 'winter', 'sport'),
    tyreModel('Turanza All Season 6', 'TAS6', 'all_season'),
    tyreModel('Weather Control A005 Evo', 'A005E', 'all_season'),
  ],
  goodyear: [
    tyreModel('EfficientGrip Performance 2', 'EGP2', 'summer'),
    tyreModel('Eagle F1 Asymmetric 6', 'F1A6', 'summer', 'sport'),
    tyreModel('Eagle F1 Asymmetric 3 SUV', 'F1A3SUV', 'summer', 'suv'),
    tyreModel('UltraGrip Performance 3', 'UGP3', 'winter', 'sport'),
    tyreModel('UltraGrip 9+', 'UG9P', 'winter'),
    tyreModel('Vector 4Seasons Gen-3', 'V4S3', 'all_season'),
    tyreModel('Vector 4Seasons Gen-3 SUV', 'V4S3SUV', 'all_season', 'suv'),
  ],
  dunlop: [
    tyreModel('Sport Maxx RT2', 'SMRT2', 'summer', 'sport'),
    tyreModel('Sport BluResponse', 'SBR', 'summer'),
    tyreModel('Winter Sport 5', 'WS5', 'winter'),
    tyreModel('Sport All Season', 'SAS', 'all_season'),
  ],
  hankook: [
    tyreModel('Ventus S1 evo3', 'K127', 'summer', 'sport'),
    tyreModel('Ventus Prime 4', 'K135', 'summer'),
    tyreModel('Ventus S1 evo3 SUV', 'K127A', 'summer', 'suv'),
    tyreModel('Winter i*cept RS3', 'W462', 'winter'),
    tyreModel('Winter i*cept evo3', 'W330', 'winter', 'sport'),
    tyreModel('Kinergy 4S2', 'H750', 'all_season'),
  ],
  nokian: [
    tyreModel('Powerproof 1', 'PP1', 'summer', 'sport'),
    tyreModel('Wetproof 1', 'WP1', 'summer'),
    tyreModel('Snowproof 2', 'SP2', 'winter'),
    tyreModel('Snowproof 2 SUV', 'SP2SUV', 'winter', 'suv'),
    tyreModel('Seasonproof 1', 'SEP1', 'all_season'),
  ],
  vredestein: [
    tyreModel('Ultrac', 'ULT', 'summer'),
    tyreModel('Ultrac Pro', 'ULTP', 'summer', 'sport'),
    tyreModel('Wintrac', 'WT', 'winter'),
    tyreModel('Wintrac Pro+', 'WTPP', 'winter', 'sport'),
    tyreModel('Quatrac', 'QT', 'all_season'),
    tyreModel('Quatrac Pro+', 'QTPP', 'all_season', 'sport'),
  ],
  yokohama: [
    tyreModel('Advan Sport V107', 'V107', 'summer', 'sport'),
    tyreModel('BluEarth-GT AE51', 'AE51', 'summer'),
    tyreModel('Geolandar CV G058', 'G058', 'summer', 'suv'),
    tyreModel('BluEarth-Winter V906', 'V906', 'winter'),
    tyreModel('BluEarth-4S AW21', 'AW21', 'all_season'),
  ],
  falken: [
    tyreModel('Azenis FK520', 'FK520', 'summer', 'sport'),
    tyreModel('Ziex ZE310 Ecorun', 'ZE310', 'summer'),
    tyreModel('Eurowinter HS02', 'HS02', 'winter'),
    tyreModel('Euroall Season AS210', 'AS210', 'all_season'),
  ],
  toyo: [
    tyreModel('Proxes Sport 2', 'PXS2', 'summer', 'sport'),
    tyreModel('Proxes Comfort', 'PXC', 'summer'),
    tyreModel('Proxes CF2 SUV', 'CF2SUV', 'summer', 'suv'),
    tyreModel('Observe S944', 'S944', 'winter'),
    tyreModel('Celsius AS2', 'CAS2', 'all_season'),
  ],
  kumho: [
    tyreModel('Ecsta PS71', 'PS71', 'summer', 'sport'),
    tyreModel('Ecsta HS52', 'HS52', 'summer'),
    tyreModel('WinterCraft WP52', 'WP52', 'winter'),
    tyreModel('Solus 4S HA32', 'HA32', 'all_season'),
  ],
  nexen: [
    tyreModel("N'Fera Sport", 'NFS', 'summer', 'sport'),
    tyreModel("N'blue HD Plus", 'NBHD', 'summer'),
    tyreModel('Winguard Sport 2', 'WGS2', 'winter'),
    tyreModel("N'blue 4Season 2", 'NB4S2', 'all_season'),
  ],
  bfgoodrich: [
    tyreModel('Advantage', 'ADV', 'summer'),
    tyreModel('g-Force Winter 2', 'GFW2', 'winter'),
    tyreModel('Advantage All-Season', 'ADVAS', 'all_season'),
    tyreModel('Trail-Terrain T/A', 'TTTA', 'all_season', 'suv'),
  ],
  firestone: [tyreModel('Roadhawk 2', 'RH2', 'summer'), tyreModel('Winterhawk 4', 'WH4', 'winter'), tyreModel('Multiseason 2', 'MS2', 'all_season')],
  kleber: [
    tyreModel('Dynaxer HP4', 'HP4', 'summer'),
    tyreModel('Dynaxer UHP', 'UHP', 'summer', 'sport'),
    tyreModel('Krisalp HP3', 'KHP3', 'winter'),
    tyreModel('Quadraxer 3', 'QX3', 'all_season'),
  ],
  uniroyal: [
    tyreModel('RainSport 5', 'RS5', 'summer', 'sport'),
    tyreModel('RainExpert 5', 'RE5', 'summer'),
    tyreModel('WinterExpert', 'WE', 'winter'),
    tyreModel('AllSeasonExpert 2', 'ASE2', 'all_season'),
  ],
  semperit: [
    tyreModel('Speed-Life 3', 'SL3', 'summer', 'sport'),
    tyreModel('Comfort-Life 2', 'CL2', 'summer'),
    tyreModel('Speed-Grip 5', 'SG5', 'winter'),
    tyreModel('AllSeason-Grip', 'ASG', 'all_season'),
  ],
  'general-tire': [
    tyreModel('Altimax One S', 'AOS', 'summer'),
    tyreModel('Grabber GT Plus', 'GGTP', 'summer', 'suv'),
    tyreModel('Altimax Winter 3', 'AW3', 'winter'),
    tyreModel('Altimax A/S 365', 'AS365', 'all_season'),
  ],
  fulda: [
    tyreModel('EcoControl HP 2', 'ECHP2', 'summer'),
    tyreModel('SportControl 2', 'SC2', 'summer', 'sport'),
    tyreModel('Kristall Control HP 2', 'KCHP2', 'winter'),
    tyreModel('MultiControl', 'MC', 'all_season'),
  ],
  maxxis: [
    tyreModel('Premitra HP6', 'HP6', 'summer'),
    tyreModel('Victra Sport 5', 'VS5', 'summer', 'sport'),
    tyreModel('Premitra Snow WP6', 'WP6', 'winter'),
    tyreModel('Premitra All Season AP3', 'AP3', 'all_season'),
  ],
  cooper: [
    tyreModel('Zeon CS8', 'CS8', 'summer'),
    tyreModel('Discoverer Winter', 'DW', 'winter', 'suv'),
    tyreModel('Discoverer All Season', 'DAS', 'all_season', 'suv'),
  ],
  barum: [tyreModel('Bravuris 5HM', 'B5HM', 'summer'), tyreModel('Polaris 6', 'P6', 'winter'), tyreModel('Quartaris 5', 'Q5', 'all_season')],
  sava: [tyreModel('Intensa HP 2', 'IHP2', 'summer'), tyreModel('Eskimo HP 2', 'EHP2', 'winter'), tyreModel('All Weather', 'AW', 'all_season')],
  laufenn: [tyreModel('S Fit EQ+', 'LK01', 'summer'), tyreModel('I Fit+', 'LW31', 'winter'), tyreModel('G Fit 4S', 'LH71', 'all_season')],
  nankang: [
    tyreModel('Sportnex AS-2+', 'AS2P', 'summer', 'sport'),
    tyreModel('Econex NA-1', 'NA1', 'summer'),
    tyreModel('Winter Activa SV-3', 'SV3', 'winter'),
    tyreModel('Cross Seasons AW-6', 'AW6', 'all_season'),
  ],
  'gt-radial': [
    tyreModel('Sportactive 2', 'SA2', 'summer', 'sport'),
    tyreModel('FE2', 'FE2', 'summer'),
    tyreModel('WinterPro 2', 'WP2', 'winter'),
    tyreModel('4Seasons', '4S', 'all_season'),
  ],
  debica: [tyreModel('Presto HP2', 'PHP2', 'summer'), tyreModel('Frigo HP2', 'FHP2', 'winter'), tyreModel('Navigator 3', 'NAV3', 'all_season')],
  kormoran: [
    tyreModel('Ultra High Performance', 'UHP', 'summer', 'sport'),
    tyreModel('Road Performance', 'RP', 'summer'),
    tyreModel('Snow', 'SNOW', 'winter'),
    tyreModel('All Season', 'AS', 'all_season'),
  ],
};

/**
 * Sidewall markings. OE marks (MO, *, AO, …) mean the tyre was homologated for that car maker, so
 * the article always fits it; XL is a reinforced tyre with a higher load index.
 */
export type TyreMarking = {
  label: string;
  code: string;
  loadIndexDelta: number;
  oeVehicleBrandSlug: string | null;
};

export const tyreMarkings: readonly TyreMarking[] = [
  { label: 'XL', code: 'XL', loadIndexDelta: 4, oeVehicleBrandSlug: null },
  { label: 'FR', code: 'FR', loadIndexDelta: 0, oeVehicleBrandSlug: null },
  { label: 'MO', code: 'MO', loadIndexDelta: 0, oeVehicleBrandSlug: 'mercedes-benz' },
  { label: '*', code: 'STAR', loadIndexDelta: 0, oeVehicleBrandSlug: 'bmw' },
  { label: 'AO', code: 'AO', loadIndexDelta: 0, oeVehicleBrandSlug: 'audi' },
  { label: 'N0', code: 'N0', loadIndexDelta: 0, oeVehicleBrandSlug: 'porsche' },
  { label: 'T0', code: 'T0', loadIndexDelta: 0, oeVehicleBrandSlug: 'tesla' },
  { label: 'VOL', code: 'VOL', loadIndexDelta: 0, oeVehicleBrandSlug: 'volvo' },
];

/** Makes that commonly run each size class; fitment is loose on purpose, it only feeds the filter. */
export const vehicleBrandsBySizeClass: Readonly<Record<SizeClass, readonly string[]>> = {
  city: [
    'citroen',
    'dacia',
    'fiat',
    'ford',
    'honda',
    'hyundai',
    'kia',
    'mini',
    'nissan',
    'opel',
    'peugeot',
    'renault',
    'seat',
    'skoda',
    'toyota',
    'volkswagen',
  ],
  family: [
    'audi',
    'bmw',
    'citroen',
    'ford',
    'honda',
    'hyundai',
    'kia',
    'mazda',
    'mercedes-benz',
    'opel',
    'peugeot',
    'renault',
    'seat',
    'skoda',
    'toyota',
    'volkswagen',
    'volvo',
  ],
  performance: ['audi', 'bmw', 'ford', 'hyundai', 'mercedes-benz', 'porsche', 'seat', 'tesla', 'volkswagen', 'volvo'],
  suv: [
    'audi',
    'bmw',
    'dacia',
    'ford',
    'hyundai',
    'jeep',
    'kia',
    'land-rover',
    'mazda',
    'mercedes-benz',
    'nissan',
    'porsche',
    'skoda',
    'tesla',
    'toyota',
    'volkswagen',
    'volvo',
  ],
};

export type WheelModel = { brandSlug: string; name: string; code: string; material: WheelMaterial };

const wheelModel = (brandSlug: string, name: string, code: string, material: WheelMaterial = 'alloy'): WheelModel => ({
  brandSlug,
  name,
  code,
  material,
});

export const wheelModels: readonly WheelModel[] = [
  wheelModel('bbs', 'CI-R', 'CIR'),
  wheelModel('bbs', 'SR', 'SR'),
  wheelModel('bbs', 'XR', 'XR'),
  wheelModel('bbs', 'CH-R II', 'CHR2'),
  wheelModel('oz-racing', 'Ultraleggera', 'ULL'),
  wheelModel('oz-racing', 'Leggera HLT', 'LHLT'),
  wheelModel('oz-racing', 'Hyper GT HLT', 'HGT'),
  wheelModel('oz-racing', 'Superturismo GT', 'STGT'),
  wheelModel('enkei', 'RPF1', 'RPF1'),
  wheelModel('enkei', 'PF01', 'PF01'),
  wheelModel('enkei', 'RS05RR', 'RS05'),
  wheelModel('ronal', 'R66', 'R66'),
  wheelModel('ronal', 'R70', 'R70'),
  wheelModel('ronal', 'R41 Trend', 'R41'),
  wheelModel('borbet', 'LX', 'LX'),
  wheelModel('borbet', 'Y', 'Y'),
  wheelModel('borbet', 'CW5', 'CW5'),
  wheelModel('msw', '80-5', 'M805'),
  wheelModel('msw', '85', 'M85'),
  wheelModel('msw', '48', 'M48'),
  wheelModel('aez', 'Steam', 'STM'),
  wheelModel('aez', 'Crest', 'CRS'),
  wheelModel('aez', 'Raise', 'RAI'),
  wheelModel('alutec', 'Monstr', 'MON'),
  wheelModel('alutec', 'Grip', 'GRP'),
  wheelModel('alutec', 'Ikenu', 'IKE'),
  wheelModel('rial', 'Lugano', 'LUG'),
  wheelModel('rial', 'Como', 'COM'),
  wheelModel('rial', 'Murago', 'MUR'),
  wheelModel('dezent', 'TE', 'TE'),
  wheelModel('dezent', 'TR', 'TR'),
  wheelModel('dezent', 'TZ', 'TZ'),
  wheelModel('kronprinz', 'Classic Steel', 'CLS', 'steel'),
  wheelModel('kronprinz', 'Comfort Steel', 'CMS', 'steel'),
  wheelModel('magnetto', 'R1 Steel', 'R1', 'steel'),
  wheelModel('magnetto', 'Black Steel', 'BLK', 'steel'),
];

/** Rim widths per diameter in tenths of an inch (75 = 7.5J). */
export type WheelSize = { rimDiameter: number; widths: readonly number[] };

export const wheelSizesByMaterial: Readonly<Record<WheelMaterial, readonly WheelSize[]>> = {
  alloy: [
    { rimDiameter: 15, widths: [60, 65] },
    { rimDiameter: 16, widths: [65, 70] },
    { rimDiameter: 17, widths: [70, 75, 80] },
    { rimDiameter: 18, widths: [75, 80, 85] },
    { rimDiameter: 19, widths: [80, 85, 90] },
    { rimDiameter: 20, widths: [85, 90, 95] },
  ],
  steel: [
    { rimDiameter: 15, widths: [60, 65] },
    { rimDiameter: 16, widths: [65] },
    { rimDiameter: 17, widths: [65, 70] },
  ],
};

export const wheelOffsetsByMaterial: Readonly<Record<WheelMaterial, readonly number[]>> = {
  alloy: [25, 30, 35, 38, 40, 42, 45, 48, 50],
  steel: [35, 38, 40, 45, 47, 50],
};

export const wheelFinishesByMaterial: Readonly<Record<WheelMaterial, readonly string[]>> = {
  alloy: ['gloss black', 'matt black', 'silver', 'gunmetal', 'diamond-cut black', 'hyper silver', 'bronze'],
  steel: ['black', 'silver'],
};

/** Makes using each bolt pattern; a wheel is listed for the makes that share its pattern. */
export const vehicleBrandsByBoltPattern: Readonly<Record<string, readonly string[]>> = {
  '5x112': ['audi', 'bmw', 'mercedes-benz', 'mini', 'porsche', 'seat', 'skoda', 'volkswagen'],
  '5x114.3': ['honda', 'hyundai', 'jeep', 'kia', 'mazda', 'nissan', 'renault', 'tesla', 'toyota'],
  '5x120': ['bmw', 'land-rover', 'opel', 'tesla', 'volkswagen'],
  '4x100': ['dacia', 'fiat', 'honda', 'mini', 'opel', 'renault', 'seat', 'toyota', 'volkswagen'],
  '5x108': ['citroen', 'ford', 'land-rover', 'peugeot', 'renault', 'volvo'],
  '5x100': ['audi', 'seat', 'skoda', 'toyota', 'volkswagen'],
};

export const boltPatterns: readonly string[] = Object.keys(vehicleBrandsByBoltPattern);
