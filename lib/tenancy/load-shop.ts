import 'server-only';
import { platformDb } from '@/db/connection-registry';
import type { Tenant } from '@/db/schema';
import { getTenantCatalogContext } from '@/lib/catalog/tenant-catalog-context';
import type { VisibilityRules } from '@/lib/catalog/visibility';
import type { PriceDisplayContext } from '@/lib/pricing/resolve-price';

export interface Shop {
  tenant: Tenant;
  rules: VisibilityRules;
  kinds: Array<'tyre' | 'wheel'>;
  price: PriceDisplayContext;
}

/**
 * What every storefront page needs of its shop besides the tenant: its visibility rules and the kinds it
 * shows, kept in process until the tenant's cache versions move on (tenant-catalog-context.ts), so a
 * warm shop's page reads neither from the database.
 */
export async function loadShop(tenant: Tenant): Promise<Shop> {
  const { rules, kinds } = await getTenantCatalogContext(await platformDb(), tenant.id);
  return {
    tenant,
    rules,
    kinds,
    price: { salesMode: tenant.salesMode, vatRateBp: tenant.vatRateBp, currency: tenant.currency },
  };
}
