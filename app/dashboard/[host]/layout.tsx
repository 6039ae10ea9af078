import type { Metadata } from 'next';
import { getShop } from '@/lib/tenancy/current-shop';
import { tenantThemeVariables } from '@/lib/branding/theme';

type Props = { children: React.ReactNode; params: Promise<{ host: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant } = await getShop((await params).host);
  return { title: { default: `Dashboard · ${tenant.name}`, template: `%s · Dashboard · ${tenant.name}` }, robots: { index: false } };
}

/** The shop owner's side of the shop's own host: the shop's colours, none of the storefront's chrome. */
export default async function DashboardRootLayout({ children, params }: Props) {
  const { tenant } = await getShop((await params).host);
  const theme = tenantThemeVariables(tenant.primaryColor, tenant.accentColor) as React.CSSProperties;
  return (
    <div style={theme} className="min-h-dvh bg-slate-50" data-tenant={tenant.subdomain}>
      {children}
    </div>
  );
}
