import type { NewTenant } from '../schema';
import { shopDay, shopMidnight } from '@/lib/pricing/price-input';
import { tenantLogoDataUrl } from './logos';

/** When an override applies, relative to the moment the seeder runs. */
type PriceWindow = 'current' | 'expired' | 'future';

/**
 * A tenant price for a deterministic slice of one brand's articles: that brand's articles sorted by
 * sku in plain code-unit order (in SQL: `order by sku collate "C"`), skip `offset`, take `take`.
 * The price is either a factor of the base price or a fixed amount in cents.
 */
export type PriceOverrideSpec = {
  brandSlug: string;
  offset?: number;
  take: number;
  window: PriceWindow;
} & ({ priceFactor: number; priceCents?: never } | { priceCents: number; priceFactor?: never });

/** Allowed slugs per axis; an empty array means no restriction on that axis. */
export type DemoVisibility = { brandSlugs: string[]; categorySlugs: string[]; vehicleBrandSlugs: string[] };

export type DemoTenant = {
  tenant: Omit<NewTenant, 'id'>;
  visibility: DemoVisibility;
  priceOverrides: PriceOverrideSpec[];
};

const unrestricted: DemoVisibility = { brandSlugs: [], categorySlugs: [], vehicleBrandSlugs: [] };

/** B2B defaults: every customer needs a VAT number and is approved by hand. */
const strictB2b = {
  salesMode: 'b2b',
  vatNumberRequired: true,
  approvalRequired: true,
  autoApprovalEnabled: false,
  autoApprovalRules: null,
} satisfies Partial<NewTenant>;

type TenantBasics = Omit<NewTenant, 'id' | 'logoUrl' | 'fromEmailAddress' | 'primaryColor' | 'accentColor'> & {
  primaryColor: string;
  accentColor: string;
};

function tenantRow(basics: TenantBasics): Omit<NewTenant, 'id'> {
  return {
    currency: 'EUR',
    countryCode: 'BE',
    vatRateBp: 2100,
    plan: 'standard',
    isActive: true,
    customDomain: null,
    dedicatedDatabase: null,
    paymentTimeoutMinutes: 30,
    ...basics,
    logoUrl: tenantLogoDataUrl(basics),
    fromEmailAddress: `info@${basics.subdomain}.storefleet.test`,
  };
}

export const demoTenants: readonly DemoTenant[] = [
  {
    tenant: tenantRow({
      subdomain: 'atraxion',
      name: 'Atraxion',
      tagline: 'Wholesale tyres and wheels for the trade',
      primaryColor: '#0b3d91',
      accentColor: '#f5a623',
      ...strictB2b,
    }),
    visibility: unrestricted,
    priceOverrides: [],
  },
  {
    tenant: tenantRow({
      subdomain: 'acme',
      customDomain: 'shop.acmewheels.test',
      customDomainVerifiedAt: new Date('2026-01-01T00:00:00Z'),
      name: 'ACME Wheels',
      tagline: 'Premium tyres for Benelux garages',
      primaryColor: '#b91c1c',
      accentColor: '#111827',
      ...strictB2b,
      autoApprovalEnabled: true,
      autoApprovalRules: { valid_vat: true, country: ['BE', 'NL'], temporary_days: 30 },
    }),
    visibility: { ...unrestricted, brandSlugs: ['michelin', 'continental'] },
    priceOverrides: [
      // Five Michelin articles 10 % below base right now.
      { brandSlug: 'michelin', offset: 0, take: 5, priceFactor: 0.9, window: 'current' },
      // An older, deeper discount on the first of them that ended yesterday: the current one must win.
      { brandSlug: 'michelin', offset: 0, take: 1, priceFactor: 0.75, window: 'expired' },
      // A price announced for next week on the second one: today it still sells at the current price.
      { brandSlug: 'michelin', offset: 1, take: 1, priceFactor: 0.8, window: 'future' },
      // Only an expired override: these sell at base price again.
      { brandSlug: 'michelin', offset: 5, take: 2, priceFactor: 0.7, window: 'expired' },
      // Only a future override: base price until it starts.
      { brandSlug: 'michelin', offset: 7, take: 2, priceFactor: 0.85, window: 'future' },
      { brandSlug: 'continental', offset: 0, take: 3, priceFactor: 0.88, window: 'current' },
      // A fixed negotiated price rather than a factor.
      { brandSlug: 'continental', offset: 3, take: 1, priceCents: 9_900, window: 'current' },
    ],
  },
  {
    tenant: tenantRow({
      subdomain: 'consumer',
      name: 'TyreDirect',
      tagline: 'Quality tyres delivered to your door',
      primaryColor: '#047857',
      accentColor: '#fbbf24',
      salesMode: 'b2c',
      vatNumberRequired: false,
      approvalRequired: false,
      autoApprovalEnabled: false,
      autoApprovalRules: null,
    }),
    visibility: { ...unrestricted, categorySlugs: ['summer-tyres', 'winter-tyres', 'all-season-tyres'] },
    priceOverrides: [],
  },
  {
    tenant: tenantRow({
      subdomain: 'bigcorp',
      name: 'BigCorp Fleet Services',
      tagline: 'Tyre supply for the BigCorp fleet network',
      primaryColor: '#4c1d95',
      accentColor: '#a78bfa',
      plan: 'premium',
      dedicatedDatabase: 'bigcorp',
      // Fleet buyers pay through a purchasing approval step, so orders wait longer for payment.
      paymentTimeoutMinutes: 60,
      ...strictB2b,
    }),
    visibility: unrestricted,
    priceOverrides: [],
  },
  {
    tenant: tenantRow({
      subdomain: 'closed',
      name: 'Closed Tyres',
      tagline: 'This shop is no longer trading',
      primaryColor: '#4b5563',
      accentColor: '#9ca3af',
      isActive: false,
      ...strictB2b,
    }),
    visibility: unrestricted,
    priceOverrides: [],
  },
];

/**
 * Windows start and end at midnight in the shop's time zone, as the dashboard's form makes them, so an
 * export writes plain dates. Current and future windows are open-ended so the demo stays valid however
 * long ago it was seeded; where an article has several, each ends where the next begins (no overlaps).
 */
function priceWindowDates(window: PriceWindow, now: Date): { validFrom: Date; validUntil: Date | null } {
  const [y, m, d] = shopDay(now).split('-').map(Number) as [number, number, number];
  const at = (days: number) => shopMidnight(y, m, d + days);
  switch (window) {
    case 'current':
      return { validFrom: at(-30), validUntil: null };
    case 'expired':
      return { validFrom: at(-60), validUntil: at(-1) };
    case 'future':
      return { validFrom: at(7), validUntil: null };
  }
}

/** Ends each window of an article no later than the start of its next one, so none overlap. */
function withoutOverlaps(rows: ResolvedPriceOverride[]): ResolvedPriceOverride[] {
  const sorted = [...rows].sort((a, b) => a.articleId - b.articleId || a.validFrom.getTime() - b.validFrom.getTime());
  return sorted.map((row, i) => {
    const next = sorted[i + 1];
    if (!next || next.articleId !== row.articleId) return row;
    const endsLater = row.validUntil === null || row.validUntil > next.validFrom;
    return endsLater ? { ...row, validUntil: next.validFrom } : row;
  });
}

export type OverrideCandidate = { id: number; sku: string; brandSlug: string; basePriceCents: number };
export type ResolvedPriceOverride = { articleId: number; priceCents: number; validFrom: Date; validUntil: Date | null };

/**
 * Turns specs into rows for `tenant_article_prices` (add the tenant id). Pass at least the articles of
 * the brands the specs name; a slice past the end of a brand's articles simply yields fewer rows.
 */
export function resolvePriceOverrides(
  specs: readonly PriceOverrideSpec[],
  articles: readonly OverrideCandidate[],
  now: Date = new Date(),
): ResolvedPriceOverride[] {
  const rows: ResolvedPriceOverride[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    const { validFrom, validUntil } = priceWindowDates(spec.window, now);
    const offset = spec.offset ?? 0;
    for (const article of articlesOfBrand(articles, spec.brandSlug).slice(offset, offset + spec.take)) {
      // Mirrors the unique (tenant, article, valid_from) index, so a bad spec fails here, not mid-insert.
      const key = `${article.id}@${validFrom.getTime()}`;
      if (seen.has(key)) throw new Error(`Two ${spec.window} price overrides for article ${article.sku}`);
      seen.add(key);
      rows.push({ articleId: article.id, priceCents: overridePriceCents(spec, article), validFrom, validUntil });
    }
  }
  return withoutOverlaps(rows);
}

function articlesOfBrand(articles: readonly OverrideCandidate[], brandSlug: string): OverrideCandidate[] {
  return articles.filter((article) => article.brandSlug === brandSlug).sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

function overridePriceCents(spec: PriceOverrideSpec, article: OverrideCandidate): number {
  if (spec.priceCents !== undefined) return spec.priceCents;
  // Whole ten-cent steps, like the base prices; never zero, which the price check constraint rejects.
  return Math.max(10, Math.round((article.basePriceCents * spec.priceFactor) / 10) * 10);
}
