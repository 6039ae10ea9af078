import type { Metadata } from 'next';
import { ShopFrame, shopMetadata } from '@/components/storefront/shop-frame';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { countCartItems } from '@/lib/cart/count-cart-items';
import { getShop } from '@/lib/tenancy/current-shop';

type Props = { children: React.ReactNode; params: Promise<{ host: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return shopMetadata((await getShop((await params).host)).tenant);
}

export default async function ShopLayout({ children, params }: Props) {
  const { tenant, kinds } = await getShop((await params).host);
  const customer = await getCurrentCustomer(tenant.id);
  const cartCount = customer ? await countCartItems(tenant.id, customer.id) : null;
  return (
    <ShopFrame tenant={tenant} kinds={kinds} customerName={customer?.name ?? null} cartCount={cartCount}>
      {children}
    </ShopFrame>
  );
}
