import type { Metadata } from 'next';
import Link from 'next/link';
import { CatalogFilters } from '@/components/storefront/catalog-filters';
import { Pagination } from '@/components/storefront/pagination';
import { ProductGrid } from '@/components/storefront/product-grid';
import { SortSelect } from '@/components/storefront/sort-select';
import { parseCatalogQuery } from '@/lib/catalog/catalog-query';
import { listVisibleArticles } from '@/lib/catalog/list-visible-articles';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { catalogDb, getShop } from '@/lib/storefront/current-shop';
import { toProductCardData } from '@/lib/storefront/product-card-data';

type Props = {
  params: Promise<{ host: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const query = parseCatalogQuery(await searchParams);
  return { title: query.q ? `“${query.q}”` : 'Products' };
}

export default async function ProductsPage({ params, searchParams }: Props) {
  const shop = await getShop((await params).host);
  const query = parseCatalogQuery(await searchParams);
  const customer = await getCurrentCustomer(shop.tenant.id);
  const result = await listVisibleArticles(await catalogDb(), { tenantId: shop.tenant.id, rules: shop.rules }, query);
  const first = (result.page - 1) * result.pageSize + 1;
  const last = first + result.items.length - 1;
  return (
    <div className="grid gap-6 lg:grid-cols-[17rem_1fr]">
      <aside>
        <CatalogFilters query={query} facets={result.facets} />
      </aside>
      <section aria-labelledby="results-heading">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 id="results-heading" className="text-2xl font-bold">
              {query.q ? <>Results for “{query.q}”</> : query.kind === 'tyre' ? 'Tyres' : query.kind === 'wheel' ? 'Wheels' : 'All products'}
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
            products={result.items.map((article) => toProductCardData(article, shop.price, customer?.marginBp ?? 0))}
          />
        ) : (
          <div className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
            <p className="font-semibold">
              {result.total > 0 ? 'This page is past the end of the results.' : 'Nothing matches these filters.'}
            </p>
            <p className="mt-1 text-sm text-slate-600">Try fewer filters, another size, or search by brand or model name.</p>
            <Link href="/products" className="mt-4 inline-block text-sm font-semibold underline">Show all products</Link>
          </div>
        )}
        <Pagination query={query} pageCount={result.pageCount} nextAfter={result.nextAfter} />
      </section>
    </div>
  );
}
