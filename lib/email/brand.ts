import type { Tenant } from '@/db/schema';
import { safeColor } from '@/lib/branding/theme';
import { tenantBaseUrl } from '@/lib/tenancy/tenant-url';

/** What a template needs to look like the tenant's shop. Built from the tenant row, never from input. */
export interface EmailBrand {
  shopName: string;
  /** Only http(s) URLs are rendered as an image; anything else (e.g. a data: URL) shows the initials. */
  logoUrl: string | null;
  primaryColor: string;
  accentColor: string;
  /** Absolute origin of the shop, without a trailing slash. */
  shopUrl: string;
  /** The shop's IANA time zone: dates and times in its emails are the shop's. */
  timeZone: string;
}

export const DEFAULT_PRIMARY = '#1f2937';
export const DEFAULT_ACCENT = '#f59e0b';

export function isRenderableLogoUrl(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\//i.test(url);
}

/**
 * The logo as an email can load it: hosted URLs as they are, the shop's own uploads (a path such as
 * `/api/tenant-assets/…`) made absolute on the shop's origin; anything else (a data: URL) is dropped.
 */
function emailLogoUrl(logoUrl: string | null | undefined, shopUrl: string): string | null {
  if (isRenderableLogoUrl(logoUrl)) return logoUrl;
  if (typeof logoUrl === 'string' && /^\/(?![/\\])/.test(logoUrl)) return `${shopUrl.replace(/\/+$/, '')}${logoUrl}`;
  return null;
}

export function emailBrandFor(
  tenant: Pick<Tenant, 'name' | 'subdomain' | 'customDomain' | 'logoUrl' | 'primaryColor' | 'accentColor' | 'timeZone'>,
  shopUrl: string = tenantBaseUrl(tenant),
): EmailBrand {
  return {
    shopName: tenant.name,
    logoUrl: emailLogoUrl(tenant.logoUrl, shopUrl),
    primaryColor: safeColor(tenant.primaryColor, DEFAULT_PRIMARY),
    accentColor: safeColor(tenant.accentColor, DEFAULT_ACCENT),
    shopUrl: shopUrl.replace(/\/+$/, ''),
    timeZone: tenant.timeZone,
  };
}
