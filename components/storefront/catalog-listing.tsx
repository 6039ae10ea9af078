import type { Metadata } from 'next';
import { filterPanel } from '@/lib/catalog/catalog-filter-registry';
import { platformDb } from '@/db/connection-registry';
import type { CatalogQuery } from '@/lib/catalog/catalog-query';
import { listVisibleArticles } from '@/lib/catalog/list-visible-articles';
import { formatTyreSize } from '@/lib/catalog/parse-tyre-size';
import type { Shop } from '@/lib/tenancy/current-shop';
import { panelFacets } from '@/lib/catalog/panel-facets';
import { toProductCardData } from '@/lib/catalog/product-card-data';
import { CatalogFilters } from './catalog-filters';
import { Pagination } from './pagination';
import { ProductGrid } from './product-grid';
import { SortSelect } from './sort-select';

/** The tyre size the listing is filtered to, when all three parts are chosen ("205/55 R16"). */
function chosenTyreSize({ width, aspect, rim }: CatalogQuery): string | null {
  return width && width >= 100 && aspect && rim ? formatTyreSize({ width, aspectRatio: aspect, rimDiameter: rim }) : null;
}

function listingTitle(query: CatalogQuery): string {
  const size = chosenTyreSize(query);
  if (query.q) return `Results for “${query.q}”${size ? ` in ${size}` : ''}`;
  if (size) return `Tyres in ${size}`;
  return query.kind === 'tyre' ? 'Tyres' : query.kind === 'wheel' ? 'Wheels' : 'All products';
}

export function catalogMetadata(query: CatalogQuery): Metadata {
  const size = chosenTyreSize(query);
  return { title: query.q ? `“${query.q}”` : (size ?? 'Products') };
}

/**
 * The catalog listing for one visitor: a signed-in customer's margin (in basis points) or 0. Rendered
 * per request for customers, searches and cursors, and once per shop and query, from the render cache,
 * for signed-out visitors.
 */
export async function CatalogListing({ shop, query, marginBp }: { shop: Shop; query: CatalogQuery; marginBp: number }) {
  const result = await listVisibleArticles(await platformDb(), { tenantId: shop.tenant.id, rules: shop.rules }, query);
  const first = (result.page - 1) * result.pageSize + 1;
  const last = first + result.items.length - 1;
  return (
    <div className="grid gap-6 lg:grid-cols-[17rem_1fr]">
      <aside>
        <CatalogFilters query={query} facets={panelFacets(result.facets)} panel={filterPanel(query)} />
      </aside>
      <section aria-labelledby="results-heading">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 id="results-heading" className="text-2xl font-bold">
              {listingTitle(query)}
            </h1>
            <p className="text-sm text-slate-600" data-testid="result-count" aria-live="polite">
              {result.total === 0
                ? 'No products found'
                : result.items.length === 0
                  ? `${result.total.toLocaleString('en')} products`
                  : `Showing ${first}–${last} of ${result.total.toLocaleString('en')} products`}
            </p>
          </div>
          <SortSelect query={query} />
        </div>
        {result.items.length > 0 ? (
          <ProductGrid
            className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3"
            products={result.items.map((article) => toProductCardData(article, shop.price, marginBp))}
          />
        ) : (
          <div className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
            <p className="font-semibold">{result.total > 0 ? 'This page is past the end of the results.' : 'Nothing matches these filters.'}</p>
            <p className="mt-1 text-sm text-slate-600">Try fewer filters, another size, or search by brand or model name.</p>
            <a href="/products" className="mt-4 inline-block text-sm font-semibold underline">
              Show all products
            </a>
          </div>
        )}
        <Pagination query={query} pageCount={result.pageCount} nextAfter={result.nextAfter} />
      </section>
    </div>
  );
}
