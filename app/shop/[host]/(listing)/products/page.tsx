import type { Metadata } from 'next';
import { CatalogListing, catalogMetadata } from '@/components/storefront/catalog-listing';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { parseCatalogQuery } from '@/lib/catalog/catalog-query';
import { getShop } from '@/lib/tenancy/current-shop';

type Props = {
  params: Promise<{ host: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return catalogMetadata(parseCatalogQuery(await searchParams));
}

export default async function ProductsPage({ params, searchParams }: Props) {
  const shop = await getShop((await params).host);
  const query = parseCatalogQuery(await searchParams);
  const customer = await getCurrentCustomer(shop.tenant.id);
  return <CatalogListing shop={shop} query={query} marginBp={customer?.marginBp ?? 0} />;
}
