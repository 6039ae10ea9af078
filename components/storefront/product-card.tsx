import Link from 'next/link';
import type { ArticleSummary } from '@/lib/catalog/list-visible-articles';
import { seasonLabel } from '@/lib/catalog/list-visible-articles';
import type { PriceDisplayContext } from '@/lib/pricing/resolve-price';
import { PriceTag } from './price-tag';
import { StockBadge } from './stock-badge';

export function articleSize(a: Pick<ArticleSummary, 'kind' | 'width' | 'aspectRatio' | 'rimDiameter'>): string {
  if (a.kind === 'wheel') return `${(a.width / 10).toFixed(1)}J × ${a.rimDiameter}″`;
  return `${a.width}/${a.aspectRatio} R${a.rimDiameter}`;
}

export function ProductCard({ article, price, marginBp = 0 }: { article: ArticleSummary; price: PriceDisplayContext; marginBp?: number }) {
  return (
    <li className="relative flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition hover:shadow-md" data-testid="product-card">
      <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase" data-testid="product-brand">
        {article.brandName}
      </p>
      <h3 className="mt-1 font-semibold leading-snug">
        <Link href={`/products/${article.slug}`} className="after:absolute after:inset-0 hover:underline">
          {article.name}
        </Link>
      </h3>
      <p className="mt-1 text-sm text-slate-600">
        {articleSize(article)}
        {article.season ? ` · ${seasonLabel(article.season)}` : ` · ${article.categoryName}`}
        {article.loadIndex ? ` · ${article.loadIndex}${article.speedRating ?? ''}` : ''}
      </p>
      {article.euFuelClass ? (
        <p className="mt-2 flex gap-1.5 text-xs" aria-label="EU tyre label">
          <span className="rounded bg-slate-100 px-1.5 py-0.5" title="Fuel efficiency">Fuel {article.euFuelClass}</span>
          <span className="rounded bg-slate-100 px-1.5 py-0.5" title="Wet grip">Wet {article.euWetGripClass}</span>
          <span className="rounded bg-slate-100 px-1.5 py-0.5" title="External rolling noise">{article.euNoiseDb} dB</span>
        </p>
      ) : null}
      <div className="mt-auto flex items-end justify-between gap-2 pt-4">
        <PriceTag netCents={article.netPriceCents} context={price} marginBp={marginBp} />
        <StockBadge stock={article.stock} />
      </div>
    </li>
  );
}
