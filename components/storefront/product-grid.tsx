'use client';

import type { ProductCardData } from '@/lib/catalog/product-card-data';
import { StockBadge } from './stock-badge';

/**
 * A client component for a reason that is not the browser: a page of cards sent as data (about 300
 * bytes each) instead of as a rendered tree (about 1.3 KB each) halves the page's RSC payload and the
 * server's work to serialize and re-read it. The server still renders the HTML; no data is fetched here.
 * A card links with a plain `<a>`, not `next/link`: a listing from the render cache and a product page
 * share only the root layout, so a click has the server render the whole shop frame either way, while
 * `next/link` asked the server for the route of every card in view as soon as the listing showed.
 */
export function ProductGrid({ products, className }: { products: ProductCardData[]; className: string }) {
  return (
    <ul className={className}>
      {products.map((p) => (
        <ProductCard key={p.id} product={p} />
      ))}
    </ul>
  );
}

function ProductCard({ product: p }: { product: ProductCardData }) {
  return (
    <li className="relative flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition hover:shadow-md" data-testid="product-card">
      <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase" data-testid="product-brand">
        {p.brandName}
      </p>
      <h3 className="mt-1 leading-snug font-semibold">
        <a href={`/products/${p.slug}`} className="after:absolute after:inset-0 hover:underline">
          {p.name}
        </a>
      </h3>
      <p className="mt-1 text-sm text-slate-600">{p.specs}</p>
      {p.euLabel ? (
        <p className="mt-2 flex gap-1.5 text-xs" role="group" aria-label="EU tyre label">
          <span className="rounded bg-slate-100 px-1.5 py-0.5" title="Fuel efficiency">{`Fuel ${p.euLabel[0]}`}</span>
          <span className="rounded bg-slate-100 px-1.5 py-0.5" title="Wet grip">{`Wet ${p.euLabel[1]}`}</span>
          <span className="rounded bg-slate-100 px-1.5 py-0.5" title="External rolling noise">{`${p.euLabel[2]} dB`}</span>
        </p>
      ) : null}
      <div className="mt-auto flex items-end justify-between gap-2 pt-4">
        <p className="flex items-baseline gap-1.5" data-testid="price">
          <span className="text-lg font-bold">{p.price}</span>
          <span className="text-xs text-slate-500">{p.includesVat ? 'incl. VAT' : 'excl. VAT'}</span>
        </p>
        <StockBadge stock={p.stock} />
      </div>
    </li>
  );
}
