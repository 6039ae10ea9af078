import 'server-only';
import type { CustomerAddress } from '@/db/schema';
import { loyaltyBalance } from '@/lib/loyalty/loyalty';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { listAddresses } from './addresses';

export interface AccountOverview {
  addresses: CustomerAddress[];
  loyaltyPoints: number;
}

/** What the account page shows of the customer beyond the session's row: one read in the shop's plane. */
export function loadAccountOverview(tenantId: string, customerId: string): Promise<AccountOverview> {
  return withTenant(tenantId, async (tx) => {
    const [addresses, loyaltyPoints] = await Promise.all([listAddresses(tx, customerId), loyaltyBalance(tx, customerId)]);
    return { addresses, loyaltyPoints };
  });
}
