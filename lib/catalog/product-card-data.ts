import { articleSize } from '@/lib/catalog/article-size';
import type { ArticleSummary } from '@/lib/catalog/list-visible-articles';
import { seasonLabel } from '@/lib/catalog/seasons';
import { applyCustomerMargin } from '@/lib/pricing/customer-margin';
import { formatMoney, toDisplayPrice, type PriceDisplayContext } from '@/lib/pricing/resolve-price';

/**
 * What a product card shows, already worded and priced on the server. Only the price the buyer pays
 * leaves the server: never the tenant's net price or the customer's margin behind it.
 */
export interface ProductCardData {
  id: number;
  slug: string;
  name: string;
  brandName: string;
  specs: string;
  /** EU tyre label: fuel class, wet grip class, noise in dB. */
  euLabel: [string, string, number | null] | null;
  price: string;
  includesVat: boolean;
  stock: number;
}

export function toProductCardData(article: ArticleSummary, price: PriceDisplayContext, marginBp = 0): ProductCardData {
  const shown = toDisplayPrice(applyCustomerMargin(article.netPriceCents, marginBp), price);
  const specs = [
    articleSize(article),
    article.season ? seasonLabel(article.season) : article.categoryName,
    article.loadIndex ? `${article.loadIndex}${article.speedRating ?? ''}` : null,
  ];
  return {
    id: article.id,
    slug: article.slug,
    name: article.name,
    brandName: article.brandName,
    specs: specs.filter(Boolean).join(' · '),
    euLabel: article.euFuelClass ? [article.euFuelClass, article.euWetGripClass ?? '', article.euNoiseDb] : null,
    price: formatMoney(shown.amountCents, shown.currency),
    includesVat: shown.includesVat,
    stock: article.stock,
  };
}
