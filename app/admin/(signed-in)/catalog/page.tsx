import type { Metadata } from 'next';
import Link from 'next/link';
import { CatalogTabs } from '@/components/admin/catalog-tabs';
import { adminButton, adminSecondaryButton } from '@/components/admin/styles';
import { listCatalogArticles, loadTaxonomy, type ArticleListQuery } from '@/lib/catalog/catalog-articles';
import { platformDb } from '@/db/connection-registry';
import { requireAdminPage } from '@/lib/auth/current-admin';
import { articleSize } from '@/lib/catalog/article-size';
import { formatMoney } from '@/lib/pricing/resolve-price';

export const metadata: Metadata = { title: 'Catalog' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function listHref(query: ArticleListQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.brand) params.set('brand', String(query.brand));
  if (query.category) params.set('category', String(query.category));
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `/catalog?${text}` : '/catalog';
}

export default async function AdminCatalogPage({ searchParams }: Props) {
  await requireAdminPage();
  const [{ query, rows, total, pages }, taxonomy] = await Promise.all([listCatalogArticles(await searchParams), platformDb().then(loadTaxonomy)]);
  const filtered = Boolean(query.q || query.brand || query.category);
  const select = 'w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base sm:text-sm';
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Catalog</h1>
        <Link href="/catalog/articles/new" className={adminButton}>
          New article
        </Link>
      </div>
      <CatalogTabs current="articles" />
      <form method="get" role="search" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end">
        <div>
          <label htmlFor="catalog-q" className="mb-1 block text-sm font-medium">
            SKU or name
          </label>
          <input id="catalog-q" name="q" type="search" defaultValue={query.q} maxLength={100} className={select} />
        </div>
        <div>
          <label htmlFor="catalog-brand" className="mb-1 block text-sm font-medium">
            Brand
          </label>
          <select id="catalog-brand" name="brand" defaultValue={query.brand ?? ''} className={select}>
            <option value="">All brands</option>
            {taxonomy.brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="catalog-category" className="mb-1 block text-sm font-medium">
            Category
          </label>
          <select id="catalog-category" name="category" defaultValue={query.category ?? ''} className={select}>
            <option value="">All categories</option>
            {taxonomy.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex gap-2">
          <button type="submit" className={adminSecondaryButton}>
            Search
          </button>
          {filtered ? (
            <Link href="/catalog" className="self-center text-sm underline">
              Clear
            </Link>
          ) : null}
        </div>
      </form>
      <p className="text-sm text-slate-600" role="status">
        {total === 1 ? '1 article' : `${total.toLocaleString('en-GB')} articles`}
        {filtered ? ' match' : ' in the catalog'}.
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-100 text-slate-600">
            <tr>
              <th className="hidden px-4 py-2 font-medium sm:table-cell">SKU</th>
              <th className="px-4 py-2 font-medium">Name</th>
              <th className="hidden px-4 py-2 font-medium md:table-cell">Size</th>
              <th className="hidden px-4 py-2 font-medium lg:table-cell">Category</th>
              <th className="px-4 py-2 text-right font-medium">Stock</th>
              <th className="px-4 py-2 text-right font-medium">Base price</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id} className="border-t border-slate-100">
                <td className="hidden px-4 py-2 font-mono text-xs whitespace-nowrap sm:table-cell">{a.sku}</td>
                <td className="px-4 py-2">
                  <Link href={`/catalog/articles/${a.id}`} className="font-medium underline-offset-2 hover:underline">
                    {a.name}
                  </Link>
                  <span className="block text-xs text-slate-500">
                    {a.brandName}
                    <span className="font-mono break-all sm:hidden"> · {a.sku}</span>
                  </span>
                </td>
                <td className="hidden px-4 py-2 whitespace-nowrap md:table-cell">{articleSize(a)}</td>
                <td className="hidden px-4 py-2 lg:table-cell">{a.categoryName}</td>
                <td className="px-4 py-2 text-right tabular-nums">{a.stock.toLocaleString('en-GB')}</td>
                <td className="px-4 py-2 text-right whitespace-nowrap tabular-nums">{formatMoney(a.basePriceCents, a.currency)}</td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-4 py-8 text-center text-slate-600">
                  {filtered ? 'No article matches. Try fewer words or another brand.' : 'The catalog is empty. Add an article or import a CSV.'}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav aria-label="Pages" className="flex items-center justify-between gap-2 text-sm">
          {query.page > 1 ? (
            <Link className={adminSecondaryButton} rel="prev" href={listHref(query, query.page - 1)}>
              Previous
            </Link>
          ) : (
            <span />
          )}
          <span className="text-slate-600">
            Page {query.page.toLocaleString('en-GB')} of {pages.toLocaleString('en-GB')}
          </span>
          {query.page < pages ? (
            <Link className={adminSecondaryButton} rel="next" href={listHref(query, query.page + 1)}>
              Next
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
