import Link from 'next/link';
import type { PriceListRow } from '@/lib/pricing/price-search';
import { formatMoney } from '@/lib/pricing/resolve-price';
import { priceListHref } from './price-search-form';

function CurrentPrice({ row }: { row: PriceListRow }) {
  const own = row.currentPriceCents !== row.basePriceCents;
  return (
    <span className={own ? 'font-semibold text-emerald-800' : undefined}>
      {formatMoney(row.currentPriceCents, row.currency)}
      {own ? <span className="sr-only"> (your price)</span> : null}
    </span>
  );
}

/** A table from `md` up; on a phone each article is a stacked card, so nothing scrolls sideways. */
export function PriceArticleTable({ rows, q, selected }: { rows: PriceListRow[]; q: string; selected?: number }) {
  const href = (id: number) => `${priceListHref({ q, article: id })}#article-prices`;
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <table className="hidden w-full text-sm md:table">
        <thead className="text-left text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">
              Article
            </th>
            <th scope="col" className="px-4 py-3 text-right font-medium">
              Base price
            </th>
            <th scope="col" className="px-4 py-3 text-right font-medium">
              Current price
            </th>
            <th scope="col" className="px-4 py-3 text-right font-medium">
              Overrides
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.id}
              className={row.id === selected ? 'border-t border-slate-100 bg-slate-50 align-top' : 'border-t border-slate-100 align-top'}
              data-testid="price-row"
              aria-current={row.id === selected ? 'true' : undefined}
            >
              <td className="px-4 py-3">
                <Link href={href(row.id)} className="font-semibold underline-offset-2 hover:underline">
                  {row.name}
                </Link>
                <span className="block font-mono text-xs text-slate-600">
                  {row.sku} · {row.brandName}
                </span>
              </td>
              <td className="px-4 py-3 text-right tabular-nums whitespace-nowrap">{formatMoney(row.basePriceCents, row.currency)}</td>
              <td className="px-4 py-3 text-right tabular-nums whitespace-nowrap">
                <CurrentPrice row={row} />
              </td>
              <td className="px-4 py-3 text-right tabular-nums">{row.overrideCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="divide-y divide-slate-100 md:hidden">
        {rows.map((row) => (
          <li key={row.id} className="p-4 text-sm" data-testid="price-card">
            <Link href={href(row.id)} className="font-semibold underline underline-offset-2">
              {row.name}
            </Link>
            <p className="mt-0.5 font-mono text-xs break-all text-slate-600">
              {row.sku} · {row.brandName}
            </p>
            <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
              <span>
                Base <span className="tabular-nums text-slate-900">{formatMoney(row.basePriceCents, row.currency)}</span>
              </span>
              <span>
                Now{' '}
                <span className="tabular-nums text-slate-900">
                  <CurrentPrice row={row} />
                </span>
              </span>
              <span>
                {row.overrideCount} {row.overrideCount === 1 ? 'override' : 'overrides'}
              </span>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
