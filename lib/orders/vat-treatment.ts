import type { Customer, Tenant } from '@/db/schema';

export type VatTreatment = 'domestic' | 'reverse_charge' | 'consumer';

/**
 * How VAT applies to an order. B2C shops sell incl. VAT. A B2B sale to a business with a VAT number
 * delivered to another EU country is an intra-community supply: no VAT charged, the buyer accounts
 * for it (reverse charge). Everything else is a domestic sale with the shop's VAT.
 */
export function vatTreatmentFor(tenant: Pick<Tenant, 'salesMode' | 'countryCode'>, customer: Pick<Customer, 'vatNumber'>, shipToCountry: string): VatTreatment {
  if (tenant.salesMode === 'b2c') return 'consumer';
  if (customer.vatNumber && shipToCountry !== tenant.countryCode) return 'reverse_charge';
  return 'domestic';
}
