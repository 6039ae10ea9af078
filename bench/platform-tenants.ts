import { randomUUID } from 'node:crypto';
import { tenantLogoDataUrl } from '@/db/seed/logos';
import type { ArticleRow, PlatformCatalog } from './platform-catalog';
import { createRandom, type Random } from './random';

/**
 * 1,000 shops over the platform catalog: subdomains t0001…, a B2B/B2C mix, each allowed 20–80 brands and
 * 30–50 categories, and about a thousand tenant prices over articles it shows, with expired, current
 * and future windows.
 */
export interface BenchTenant {
  id: string;
  subdomain: string;
  name: string;
  salesMode: 'b2b' | 'b2c';
  countryCode: string;
  vatRateBp: number;
  primaryColor: string;
  accentColor: string;
  logoUrl: string;
  brandIds: number[];
  categoryIds: number[];
}

export interface PriceRow {
  tenantId: string;
  articleId: number;
  priceCents: number;
  validFrom: Date;
  validUntil: Date | null;
}

const subdomainOf = (n: number) => `t${String(n).padStart(4, '0')}`;

const nameHeads = ['Alpine', 'Rapid', 'Euro', 'City', 'Nordic', 'Metro', 'Prime', 'Delta', 'Summit', 'Coast', 'Harbour', 'Valley'];
const nameTails = ['Tyres', 'Wheels', 'Tyre Centre', 'Autoparts', 'Garage Supply', 'Fleet Services', 'Banden', 'Pneus'];
const countries = [
  ['BE', 2100],
  ['NL', 2100],
  ['DE', 1900],
  ['FR', 2000],
  ['LU', 1700],
] as const;

const hex = (random: Random) => `#${random.int(0, 0xffffff).toString(16).padStart(6, '0')}`;

export function buildTenants(catalog: PlatformCatalog, count: number, seed = 1): BenchTenant[] {
  const random = createRandom(seed * 104729);
  const brandIds = catalog.brands.map((b) => b.id);
  const categoryIds = catalog.categories.map((c) => c.id);
  return Array.from({ length: count }, (_, i) => {
    const subdomain = subdomainOf(i + 1);
    const name = `${random.pick(nameHeads)} ${random.pick(nameTails)} ${String(i + 1).padStart(4, '0')}`;
    const [countryCode, vatRateBp] = random.pick(countries);
    const primaryColor = hex(random);
    const accentColor = hex(random);
    return {
      id: randomUUID(),
      subdomain,
      name,
      salesMode: random.chance(0.6) ? 'b2b' : 'b2c',
      countryCode,
      vatRateBp,
      primaryColor,
      accentColor,
      logoUrl: tenantLogoDataUrl({ name, primaryColor, accentColor }),
      brandIds: random.sample(brandIds, random.int(20, 80)).sort((a, b) => a - b),
      categoryIds: random.sample(categoryIds, random.int(30, 50)).sort((a, b) => a - b),
    };
  });
}

/** Up to `want` distinct articles the tenant shows, by rejection sampling over the whole catalog. */
function sampleVisible(articles: readonly ArticleRow[], tenant: Pick<BenchTenant, 'brandIds' | 'categoryIds'>, want: number, random: Random): ArticleRow[] {
  const brands = new Set(tenant.brandIds);
  const categories = new Set(tenant.categoryIds);
  const chosen = new Map<number, ArticleRow>();
  for (let tries = 0; chosen.size < want && tries < want * 100; tries++) {
    const a = random.pick(articles);
    if (brands.has(a.brandId) && categories.has(a.categoryId)) chosen.set(a.id, a);
  }
  return [...chosen.values()];
}

const DAY = 86_400_000;
// Each pattern is a set of windows for one article; on average 1.33 rows per priced article.
const patterns: [number, Array<'expired' | 'current' | 'future'>][] = [
  [0.5, ['current']],
  [0.12, ['expired']],
  [0.1, ['future']],
  [0.15, ['expired', 'current']],
  [0.08, ['current', 'future']],
  [0.05, ['expired', 'current', 'future']],
];
const ROWS_PER_ARTICLE = patterns.reduce((sum, [p, w]) => sum + p * w.length, 0);

function pickPattern(random: Random) {
  let r = random.next();
  for (const [p, windows] of patterns) if ((r -= p) < 0) return windows;
  return ['current'] as const;
}

function window(kind: 'expired' | 'current' | 'future', now: number, random: Random): { validFrom: Date; validUntil: Date | null } {
  const at = (days: number) => new Date(now + days * DAY);
  if (kind === 'expired') {
    const from = -random.int(120, 400);
    return { validFrom: at(from), validUntil: at(Math.min(from + random.int(10, 90), -30)) };
  }
  if (kind === 'current') return { validFrom: at(-random.int(1, 60)), validUntil: random.chance(0.7) ? null : at(random.int(365, 720)) };
  const from = random.int(60, 365);
  return { validFrom: at(from), validUntil: random.chance(0.5) ? null : at(from + 90) };
}

/** Price rows for every tenant, generated lazily (a million rows need not sit in memory at once). */
export function* priceRows(catalog: PlatformCatalog, tenants: BenchTenant[], perTenant: number, seed = 1, now = Date.now()): Generator<PriceRow> {
  const random = createRandom(seed * 15485863);
  const articlesPerTenant = Math.round(perTenant / ROWS_PER_ARTICLE);
  for (const tenant of tenants) {
    for (const article of sampleVisible(catalog.articles, tenant, articlesPerTenant, random)) {
      const factor = 0.8 + random.next() * 0.3;
      for (const kind of pickPattern(random)) {
        const priceCents = Math.max(10, Math.round((article.basePriceCents * factor * (kind === 'current' ? 1 : 1.05)) / 10) * 10);
        yield { tenantId: tenant.id, articleId: article.id, priceCents, ...window(kind, now, random) };
      }
    }
  }
}
