import { ShopHome } from '@/components/storefront/shop-home';
import { getPublicShop } from '@/lib/tenancy/current-shop';

export const dynamic = 'error';
export const revalidate = 60;

type Props = { params: Promise<{ host: string }> };

export default async function CachedShopHomePage({ params }: Props) {
  return <ShopHome shop={await getPublicShop((await params).host)} marginBp={0} />;
}
