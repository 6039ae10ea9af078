import type { VisibilityRules } from '@/lib/catalog/visibility';
import type { Sql } from './database';
import { createRandom, type Random } from './random';

/** What the load generator may ask of one shop: only things that shop actually shows. */
export interface TenantTargets {
  tenantId: string;
  host: string;
  rules: VisibilityRules;
  visibleCount: number;
  productSlugs: string[];
  filters: string[];
  searchWords: string[];
}

type ArticleLite = {
  id: number;
  slug: string;
  name: string;
  brand_id: number;
  category_id: number;
  kind: string;
  width: number;
  aspect_ratio: number | null;
  rim_diameter: number;
};

function searchWordsOf(name: string): string[] {
  const words: string[] = [];
  for (const token of name.split(' ')) {
    if (/\d/.test(token)) break; // the size starts here
    words.push(token.toLowerCase());
  }
  return words.filter((w) => w.length >= 3 && /^[\p{L}-]+$/u.test(w));
}

function targetsFor(
  tenant: { id: string; subdomain: string },
  rules: VisibilityRules,
  articles: ArticleLite[],
  brandSlugs: Map<number, string>,
  rootDomain: string,
  random: Random,
): TenantTargets {
  const brands = new Set(rules.brandIds);
  const categories = new Set(rules.categoryIds);
  const visible = articles.filter((a) => (brands.size === 0 || brands.has(a.brand_id)) && (categories.size === 0 || categories.has(a.category_id)));
  const sample = random.sample(visible, 60);
  const tyres = sample.filter((a) => a.kind === 'tyre' && a.aspect_ratio !== null);
  const searchWords = new Set<string>();
  for (const a of sample.slice(0, 30)) {
    const words = searchWordsOf(a.name);
    const [brand, model] = words;
    if (!brand) continue;
    const r = random.next();
    searchWords.add(r < 0.4 || !model ? brand : r < 0.8 ? model : `${brand} ${model}`);
  }
  return {
    tenantId: tenant.id,
    host: `${tenant.subdomain}.${rootDomain}`,
    rules,
    visibleCount: visible.length,
    productSlugs: sample.slice(0, 30).map((a) => a.slug),
    // Brand plus tyre size, as a buyer who knows both narrows the list.
    filters: tyres.slice(0, 20).map((a) => `brand=${brandSlugs.get(a.brand_id)}&width=${a.width}&aspect=${a.aspect_ratio}&rim=${a.rim_diameter}`),
    searchWords: [...searchWords].map((w) => encodeURIComponent(w).replace(/%20/g, '+')),
  };
}

export async function loadWorkload(sql: Sql, rootDomain: string): Promise<TenantTargets[]> {
  const random = createRandom(2024);
  const [tenants, brandRows, categoryRows, articles, brandList] = await Promise.all([
    sql<{ id: string; subdomain: string }[]>`select id, subdomain from tenants where is_active and subdomain ~ '^t[0-9]{4}$' order by subdomain`,
    sql<{ tenant_id: string; id: number }[]>`select tenant_id, brand_id as id from tenant_visible_brands`,
    sql<{ tenant_id: string; id: number }[]>`select tenant_id, category_id as id from tenant_visible_categories`,
    sql<ArticleLite[]>`select id, slug, name, brand_id, category_id, kind, width, aspect_ratio, rim_diameter from articles order by id`,
    sql<{ id: number; slug: string }[]>`select id, slug from brands`,
  ]);
  const group = (rows: { tenant_id: string; id: number }[]) => {
    const map = new Map<string, number[]>();
    for (const r of rows) map.set(r.tenant_id, [...(map.get(r.tenant_id) ?? []), r.id]);
    return map;
  };
  const brandsOf = group(brandRows);
  const categoriesOf = group(categoryRows);
  const brandSlugs = new Map(brandList.map((b) => [b.id, b.slug]));
  return tenants.map((t) =>
    targetsFor(
      t,
      { brandIds: brandsOf.get(t.id) ?? [], categoryIds: categoriesOf.get(t.id) ?? [], vehicleBrandIds: [] },
      articles,
      brandSlugs,
      rootDomain,
      random,
    ),
  );
}

/** The shop with the median visible assortment: the fairest single host to compare 1,000 hosts against. */
export function medianTenant(targets: TenantTargets[]): TenantTargets {
  const sorted = [...targets].sort((a, b) => a.visibleCount - b.visibleCount);
  const median = sorted[Math.floor(sorted.length / 2)];
  if (!median) throw new Error('no tenants to benchmark');
  return median;
}
