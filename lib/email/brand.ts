import type { Tenant } from '@/db/schema';
import { safeColor } from '@/lib/storefront/branding';
import { normalizeRootDomain } from '@/lib/tenancy/parse-host';

/** What a template needs to look like the tenant's shop. Built from the tenant row, never from input. */
export interface EmailBrand {
  shopName: string;
  /** Only http(s) URLs are rendered as an image; anything else (e.g. a data: URL) shows the initials. */
  logoUrl: string | null;
  primaryColor: string;
  accentColor: string;
  /** Absolute origin of the shop, without a trailing slash. */
  shopUrl: string;
}

export const DEFAULT_PRIMARY = '#1f2937';
export const DEFAULT_ACCENT = '#f59e0b';

function isLocalRoot(root: string): boolean {
  return root === 'localhost' || root.endsWith('.localhost');
}

/**
 * The origin customers use for this tenant's shop. Under a `localhost` root (development) the subdomain
 * host is used, because a custom domain does not resolve on a developer's machine; elsewhere the custom
 * domain wins, as it does when routing requests.
 */
export function tenantShopUrl(
  tenant: Pick<Tenant, 'subdomain' | 'customDomain'>,
  env: { rootDomain?: string; protocol?: string; port?: string } = {},
): string {
  const root = normalizeRootDomain(env.rootDomain ?? process.env.PLATFORM_ROOT_DOMAIN);
  const local = isLocalRoot(root);
  const host = !local && tenant.customDomain ? tenant.customDomain : `${tenant.subdomain}.${root}`;
  const protocol = env.protocol ?? process.env.SHOP_URL_PROTOCOL ?? (local ? 'http' : 'https');
  const port = env.port ?? process.env.SHOP_URL_PORT ?? (local ? process.env.PORT ?? '3000' : undefined);
  return `${protocol}://${host}${port ? `:${port}` : ''}`;
}

/** An absolute link into the tenant's shop, e.g. `shopLink(brand, '/sign-in')`. */
export function shopLink(brand: Pick<EmailBrand, 'shopUrl'>, path: string): string {
  return `${brand.shopUrl}${path.startsWith('/') ? path : `/${path}`}`;
}

export function isRenderableLogoUrl(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\//i.test(url);
}

export function emailBrandFor(
  tenant: Pick<Tenant, 'name' | 'subdomain' | 'customDomain' | 'logoUrl' | 'primaryColor' | 'accentColor'>,
  shopUrl: string = tenantShopUrl(tenant),
): EmailBrand {
  return {
    shopName: tenant.name,
    logoUrl: isRenderableLogoUrl(tenant.logoUrl) ? tenant.logoUrl : null,
    primaryColor: safeColor(tenant.primaryColor, DEFAULT_PRIMARY),
    accentColor: safeColor(tenant.accentColor, DEFAULT_ACCENT),
    shopUrl: shopUrl.replace(/\/+$/, ''),
  };
}
