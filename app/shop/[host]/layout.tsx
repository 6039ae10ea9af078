import type { Metadata } from 'next';
import { ShopFrame, shopMetadata } from '@/components/storefront/shop-frame';
import { getSignedInCustomer } from '@/lib/auth/current-customer';
import { getShop } from '@/lib/tenancy/current-shop';

type Props = { children: React.ReactNode; params: Promise<{ host: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return shopMetadata((await getShop((await params).host)).tenant);
}

export default async function ShopLayout({ children, params }: Props) {
  const { tenant, kinds } = await getShop((await params).host);
  // The customer and their cart's units come from one statement; the page's own look-up reuses it.
  const signedIn = await getSignedInCustomer(tenant.id);
  return (
    <ShopFrame tenant={tenant} kinds={kinds} customerName={signedIn?.customer.name ?? null} cartCount={signedIn?.cartUnits ?? null}>
      {children}
    </ShopFrame>
  );
}
