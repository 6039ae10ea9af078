import type { Metadata } from 'next';
import type { Tenant } from '@/db/schema';
import { tenantThemeVariables } from '@/lib/branding/theme';
import { ShopFooter } from './shop-footer';
import { ShopHeader } from './shop-header';

export function shopMetadata(tenant: Tenant): Metadata {
  return {
    title: { default: tenant.name, template: `%s · ${tenant.name}` },
    description: tenant.tagline ?? `${tenant.name} — tyres and wheels`,
    icons: tenant.logoUrl ? [{ url: tenant.logoUrl }] : undefined,
  };
}

type FrameProps = {
  tenant: Tenant;
  kinds: Array<'tyre' | 'wheel'>;
  customerName: string | null;
  cartCount: number | null;
  children: React.ReactNode;
};

/** A storefront page's chrome in the shop's colours: skip link, header, main and footer. */
export function ShopFrame({ tenant, kinds, customerName, cartCount, children }: FrameProps) {
  const theme = tenantThemeVariables(tenant.primaryColor, tenant.accentColor) as React.CSSProperties;
  return (
    <div style={theme} className="flex min-h-dvh flex-col" data-tenant={tenant.subdomain}>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <ShopHeader tenant={tenant} kinds={kinds} customerName={customerName} cartCount={cartCount} />
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 sm:px-6 lg:py-8">
        {children}
      </main>
      <ShopFooter tenant={tenant} />
    </div>
  );
}
