import Link from 'next/link';
import { ProductGrid } from './product-grid';
import { platformDb } from '@/db/connection-registry';
import { parseCatalogQuery } from '@/lib/catalog/catalog-query';
import { listVisibleArticles } from '@/lib/catalog/list-visible-articles';
import type { Shop } from '@/lib/tenancy/current-shop';
import { toProductCardData } from '@/lib/catalog/product-card-data';

/**
 * A shop's home page for one visitor: a signed-in customer's margin (in basis points) or 0. Rendered
 * per request for customers and once per shop, from the render cache, for signed-out visitors.
 */
export async function ShopHome({ shop, marginBp }: { shop: Shop; marginBp: number }) {
  const scope = { tenantId: shop.tenant.id, rules: shop.rules };
  const overview = await listVisibleArticles(await platformDb(), scope, parseCatalogQuery({ stock: '1' }), 8);
  const brands = [...overview.facets.brand].sort((a, b) => b.count - a.count).slice(0, 12);
  return (
    <div className="space-y-10">
      <section className="bg-brand text-brand-contrast rounded-2xl px-6 py-10 sm:px-10">
        <h1 className="text-3xl font-bold sm:text-4xl">{shop.tenant.name}</h1>
        <p className="mt-2 max-w-xl text-lg opacity-90">{shop.tenant.tagline ?? 'Tyres and wheels, delivered.'}</p>
        <form action="/products" method="get" role="search" className="mt-6 flex max-w-xl gap-2">
          <label htmlFor="hero-search" className="sr-only">
            Search by size, brand or model
          </label>
          <input
            id="hero-search"
            name="q"
            type="search"
            placeholder="Tyre size (205/55 R16), brand or model"
            className="w-full min-w-0 rounded-md border-0 bg-white px-4 py-3 text-slate-900 placeholder:text-slate-500"
          />
          <button type="submit" className="bg-accent text-accent-contrast rounded-md px-5 py-3 font-semibold">
            Find
          </button>
        </form>
      </section>

      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading" className="text-xl font-bold">
          Shop by category
        </h2>
        <ul className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          {overview.facets.category.map((c) => (
            <li key={c.value}>
              <Link href={`/products?category=${c.value}`} className="block rounded-lg border border-slate-200 bg-white p-4 hover:border-slate-400">
                <span className="block font-semibold">{c.label}</span>
                <span className="text-sm text-slate-600">{c.count.toLocaleString('en')} in stock</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      {brands.length > 0 ? (
        <section aria-labelledby="brands-heading">
          <h2 id="brands-heading" className="text-xl font-bold">
            Brands
          </h2>
          <ul className="mt-4 flex flex-wrap gap-2">
            {brands.map((b) => (
              <li key={b.value}>
                <Link
                  href={`/products?brand=${b.value}`}
                  className="inline-block rounded-full border border-slate-300 bg-white px-4 py-1.5 text-sm hover:border-slate-500"
                >
                  {b.label}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="featured-heading">
        <div className="flex items-baseline justify-between">
          <h2 id="featured-heading" className="text-xl font-bold">
            In stock now
          </h2>
          <Link href="/products?stock=1" className="text-sm font-semibold underline">
            See all
          </Link>
        </div>
        {overview.items.length === 0 ? (
          <p className="mt-4 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">This shop has no products in stock right now.</p>
        ) : (
          <ProductGrid
            className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4"
            products={overview.items.map((article) => toProductCardData(article, shop.price, marginBp))}
          />
        )}
      </section>
    </div>
  );
}
