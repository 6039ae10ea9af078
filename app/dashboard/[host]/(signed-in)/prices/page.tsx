import type { Metadata } from 'next';
import Link from 'next/link';
import { PriceArticlePanel } from '@/app/dashboard/[host]/(signed-in)/prices/price-article-panel';
import { PriceArticleTable } from '@/components/dashboard/price-article-table';
import { PriceImportForm } from '@/app/dashboard/[host]/(signed-in)/prices/price-import-form';
import { PriceSearchForm } from '@/components/dashboard/price-search-form';
import { platformDb } from '@/db/connection-registry';
import { requireStaffPage } from '@/lib/auth/current-staff';
import { shopDay } from '@/lib/pricing/price-input';
import { getArticlePrices, parsePriceListQuery, PRICE_SEARCH_LIMIT, searchPricedArticles } from '@/lib/pricing/price-search';
import { getShop } from '@/lib/tenancy/current-shop';

export const metadata: Metadata = { title: 'Prices' };

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const card = 'rounded-lg border border-slate-200 bg-white p-5 text-sm';

export default async function PricesPage({ params, searchParams }: Props) {
  const { tenant } = await getShop((await params).host);
  // The layout checks too, but a page must never rely on its layout having run first.
  await requireStaffPage(tenant.id);
  const query = parsePriceListQuery(await searchParams);
  const db = await platformDb();
  const now = new Date();
  const [list, selected] = await Promise.all([
    searchPricedArticles(db, tenant.id, query.q),
    query.article ? getArticlePrices(db, tenant.id, query.article, now) : null,
  ]);
  const heading = query.q ? `Articles matching “${query.q}”` : 'Articles with your own prices';
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold">Prices</h1>
        <p className="mt-1 text-sm text-slate-600">
          Your own net prices (excl. VAT) per article, each for a window of days. Without one, your shop sells at the base price.
        </p>
      </div>
      <PriceSearchForm q={query.q} />
      {query.article && !selected ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This article is not in your shop’s assortment.
        </p>
      ) : null}
      {selected ? <PriceArticlePanel prices={selected} today={shopDay(now, tenant.timeZone)} now={now} timeZone={tenant.timeZone} /> : null}
      <section aria-labelledby="price-list-heading" className="space-y-2">
        <h2 id="price-list-heading" className="font-semibold">
          {heading}
        </h2>
        {list.rows.length === 0 ? (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-8 text-center text-sm" data-testid="prices-empty">
            <p className="font-medium">
              {query.q ? `No article of your shop matches “${query.q}”.` : 'No prices of your own yet. Search for an article to set one.'}
            </p>
            {query.q ? (
              <Link href="/dashboard/prices" className="mt-3 inline-block font-semibold underline">
                Show your prices
              </Link>
            ) : null}
          </div>
        ) : (
          <PriceArticleTable rows={list.rows} q={query.q} selected={query.article} />
        )}
        {list.more ? <p className="text-xs text-slate-600">The first {PRICE_SEARCH_LIMIT} by SKU; refine the search to see others.</p> : null}
      </section>
      <section aria-labelledby="price-import-heading" className={card}>
        <h2 id="price-import-heading" className="font-semibold">
          Import and export
        </h2>
        <p className="mt-1 text-slate-600">
          One price a row: SKU, net price in euros, first day and end day (<code className="font-mono">YYYY-MM-DD</code>; the end day is not included and may
          stay empty). Every row is checked first; if any row has a problem, nothing is imported. An export imports back as it is: rows that match your prices
          are left alone, so you can edit an export and upload it again.
        </p>
        <div className="mt-4 grid gap-6 lg:grid-cols-[1fr_auto]">
          <PriceImportForm />
          <div>
            <a
              href="/dashboard/prices/export"
              download
              className="inline-block rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100"
            >
              Export your prices (CSV)
            </a>
            <p className="mt-1 text-xs text-slate-600">Every override, past ones too, in the import’s format: edit it and import it back.</p>
          </div>
        </div>
      </section>
    </div>
  );
}
