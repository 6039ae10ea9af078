import { applyCustomerMargin } from '@/lib/pricing/customer-margin';
import { formatMoney, toDisplayPrice, type PriceDisplayContext } from '@/lib/pricing/resolve-price';

/** The price a buyer pays: tenant price, then their own margin or discount, then VAT for B2C shops. */
export function PriceTag({
  netCents,
  context,
  marginBp = 0,
  size = 'md',
}: {
  netCents: number;
  context: PriceDisplayContext;
  marginBp?: number;
  size?: 'md' | 'lg';
}) {
  const price = toDisplayPrice(applyCustomerMargin(netCents, marginBp), context);
  return (
    <p className="flex items-baseline gap-1.5" data-testid="price">
      <span className={size === 'lg' ? 'text-3xl font-bold' : 'text-lg font-bold'}>{formatMoney(price.amountCents, price.currency)}</span>
      <span className="text-xs text-slate-500">{price.includesVat ? 'incl. VAT' : 'excl. VAT'}</span>
    </p>
  );
}
