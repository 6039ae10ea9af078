import { ShopHome } from '@/components/storefront/shop-home';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { getShop } from '@/lib/tenancy/current-shop';

type Props = { params: Promise<{ host: string }> };

export default async function ShopHomePage({ params }: Props) {
  const shop = await getShop((await params).host);
  const customer = await getCurrentCustomer(shop.tenant.id);
  return <ShopHome shop={shop} marginBp={customer?.marginBp ?? 0} />;
}
