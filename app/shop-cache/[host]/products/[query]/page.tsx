import type { Metadata } from 'next';
import { CatalogListing, catalogMetadata } from '@/components/storefront/catalog-listing';
import { getPublicShop } from '@/lib/storefront/current-shop';
import { catalogQueryOf, catalogSearchFromKey } from '@/lib/tenancy/cached-storefront';

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

export default async function CachedProductsPage({ params }: Props) {
  const { host, query } = await params;
  return <CatalogListing shop={await getPublicShop(host)} query={queryOf(query)} marginBp={0} />;
}
