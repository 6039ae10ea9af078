import { formatMoney, toDisplayPrice, type PriceDisplayContext } from '@/lib/pricing/resolve-price';

export function PriceTag({ netCents, context, size = 'md' }: { netCents: number; context: PriceDisplayContext; size?: 'md' | 'lg' }) {
  const price = toDisplayPrice(netCents, context);
  return (
    <p className="flex items-baseline gap-1.5" data-testid="price">
      <span className={size === 'lg' ? 'text-3xl font-bold' : 'text-lg font-bold'}>{formatMoney(price.amountCents, price.currency)}</span>
      <span className="text-xs text-slate-500">{price.includesVat ? 'incl. VAT' : 'excl. VAT'}</span>
    </p>
  );
}
