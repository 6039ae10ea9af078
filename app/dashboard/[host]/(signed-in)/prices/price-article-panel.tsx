import type { ArticlePrices } from '@/lib/pricing/price-search';
import { canDeleteWindow, describeWindow } from '@/lib/pricing/price-windows';
import { formatMoney } from '@/lib/pricing/resolve-price';
import { PriceDeleteForm } from '@/app/dashboard/[host]/(signed-in)/prices/price-delete-form';
import { PriceOverrideForm } from '@/app/dashboard/[host]/(signed-in)/prices/price-override-form';
import { PriceWindowBadge } from '@/components/dashboard/price-window-badge';

/** One article's base and current price, its overrides with their windows, and the form for a new one. */
export function PriceArticlePanel({ prices, today, now, timeZone }: { prices: ArticlePrices; today: string; now: Date; timeZone: string }) {
  const { article, overrides } = prices;
  const money = (cents: number) => formatMoney(cents, article.currency);
  return (
    <section
      id="article-prices"
      aria-labelledby="article-prices-heading"
      className="rounded-lg border border-slate-200 bg-white p-5 text-sm"
      data-testid="article-prices"
    >
      <h2 id="article-prices-heading" className="font-semibold break-words">
        {article.name}
      </h2>
      <p className="flex flex-wrap gap-x-3 text-xs text-slate-600">
        <span className="font-mono">{article.sku}</span>
        <a href={`/products/${article.slug}`} className="font-semibold underline">
          View in shop
        </a>
      </p>
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:max-w-md">
        <div>
          <dt className="text-slate-600">Base price</dt>
          <dd className="text-base tabular-nums" data-testid="base-price">
            {money(article.basePriceCents)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Current price</dt>
          <dd className="text-base font-semibold tabular-nums" data-testid="current-price">
            {money(article.currentPriceCents)}
          </dd>
        </div>
      </dl>
      <p className="mt-1 text-xs text-slate-600">Net prices, excl. VAT. Times are Brussels time.</p>
      <h3 className="mt-5 font-semibold">Your prices</h3>
      {overrides.length === 0 ? (
        <p className="mt-1 text-slate-600" data-testid="overrides-empty">
          None yet: the shop sells this article at the base price.
        </p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
          {overrides.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center justify-between gap-3 px-3 py-2" data-testid="override-row">
              <div className="min-w-0">
                <span className="mr-2 font-semibold tabular-nums">{money(o.priceCents)}</span>
                <PriceWindowBadge status={o.status} />
                <span className="block text-xs text-slate-600" data-testid="override-window">
                  {describeWindow(o, timeZone)}
                </span>
              </div>
              {canDeleteWindow(o, now) ? <PriceDeleteForm overrideId={o.id} label={`${money(o.priceCents)}, ${describeWindow(o, timeZone)}`} /> : null}
            </li>
          ))}
        </ul>
      )}
      <h3 className="mt-5 mb-2 font-semibold">Add a price</h3>
      <PriceOverrideForm articleId={article.id} today={today} />
    </section>
  );
}
