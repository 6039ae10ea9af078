import type { Metadata } from 'next';
import { ShopFooter } from '@/components/storefront/shop-footer';
import { ShopHeader } from '@/components/storefront/shop-header';
import { tenantThemeVariables } from '@/lib/storefront/branding';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { countCartItems } from '@/lib/cart/count-cart-items';
import { getShop } from '@/lib/storefront/current-shop';

type Props = { children: React.ReactNode; params: Promise<{ host: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant } = await getShop((await params).host);
  return {
    title: { default: tenant.name, template: `%s · ${tenant.name}` },
    description: tenant.tagline ?? `${tenant.name} — tyres and wheels`,
    icons: tenant.logoUrl ? [{ url: tenant.logoUrl }] : undefined,
  };
}

export default async function ShopLayout({ children, params }: Props) {
  const { tenant, kinds } = await getShop((await params).host);
  const customer = await getCurrentCustomer(tenant.id);
  const cartCount = customer ? await countCartItems(tenant.id, customer.id) : null;
  const theme = tenantThemeVariables(tenant.primaryColor, tenant.accentColor) as React.CSSProperties;
  return (
    <div style={theme} className="flex min-h-dvh flex-col" data-tenant={tenant.subdomain}>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <ShopHeader tenant={tenant} kinds={kinds} customerName={customer?.name ?? null} cartCount={cartCount} />
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 sm:px-6 lg:py-8">
        {children}
      </main>
      <ShopFooter tenant={tenant} />
    </div>
  );
}
