import type { Metadata } from 'next';
import { ShopFrame, shopMetadata } from '@/components/storefront/shop-frame';
import { getPublicShop } from '@/lib/tenancy/current-shop';

/**
 * The storefront as every signed-out visitor sees it, rendered once per shop and page and then served
 * from the render cache (middleware sends only cookie-less requests here; see
 * `lib/tenancy/cached-storefront.ts`). Nothing below may read cookies or headers: Next.js would then
 * render per request, and the build fails on it (`dynamic = 'error'`).
 */
export const dynamic = 'error';
// An upper bound, for what no notification announces: a price window opening or closing, stock levels.
export const revalidate = 60;

type Props = { children: React.ReactNode; params: Promise<{ host: string }> };

export function generateStaticParams(): Array<{ host: string }> {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return shopMetadata((await getPublicShop((await params).host)).tenant);
}

export default async function CachedShopLayout({ children, params }: Props) {
  const { tenant, kinds } = await getPublicShop((await params).host);
  return (
    <ShopFrame tenant={tenant} kinds={kinds} customerName={null} cartCount={null}>
      {children}
    </ShopFrame>
  );
}
