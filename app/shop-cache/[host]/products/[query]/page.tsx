import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { CatalogListing, catalogMetadata } from '@/components/storefront/catalog-listing';
import { platformDb } from '@/db/connection-registry';
import { canonicalCatalogQuery } from '@/lib/catalog/canonical-catalog-query';
import { catalogQueryToSearch } from '@/lib/catalog/catalog-query';
import { getPublicShop } from '@/lib/tenancy/current-shop';
import { catalogCacheKeyOf, catalogQueryOf, catalogSearchFromKey } from '@/lib/tenancy/cached-storefront';

export const dynamic = 'error';
export const revalidate = 60;

type Props = { params: Promise<{ host: string; query: string }> };

export function generateStaticParams(): Array<{ query: string }> {
  return [];
}

const queryOf = (key: string) => catalogQueryOf(catalogSearchFromKey(key));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return catalogMetadata(queryOf((await params).query));
}

/**
 * A key that names something the shop does not have (a made-up brand or size, a page past the end) is
 * not rendered and kept: it answers 307 to the listing it stands for, and the render cache stores no
 * redirect. So the cache holds at most one page per listing the shop really has. Temporary, because
 * what the shop has can change.
 */
export default async function CachedProductsPage({ params }: Props) {
  const { host, query: key } = await params;
  const shop = await getPublicShop(host);
  const asked = queryOf(key);
  const query = await canonicalCatalogQuery(await platformDb(), { tenantId: shop.tenant.id, rules: shop.rules, kinds: shop.kinds }, asked);
  if (catalogCacheKeyOf(query) !== catalogCacheKeyOf(asked)) redirect(`/products${catalogQueryToSearch(query)}`);
  return <CatalogListing shop={shop} query={query} marginBp={0} />;
}
