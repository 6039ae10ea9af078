import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { PriceTag } from '@/components/storefront/price-tag';
import { StockBadge } from '@/components/storefront/stock-badge';
import { platformDb } from '@/db/connection-registry';
import { articleSize } from '@/lib/catalog/article-size';
import { getVisibleArticleBySlug } from '@/lib/catalog/get-visible-article';
import { seasonLabel } from '@/lib/catalog/list-visible-articles';
import { OrderPanel } from '@/app/shop/[host]/products/[slug]/order-panel';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { getShop } from '@/lib/tenancy/current-shop';

type Props = { params: Promise<{ host: string; slug: string }> };

// Metadata and page share one lookup per request.
const loadArticleBySlug = cache(async (host: string, slug: string) => {
  const shop = await getShop(host);
  // Hidden and unknown products look the same: a 404, never a hint that the article exists.
  const article = await getVisibleArticleBySlug(await platformDb(), { tenantId: shop.tenant.id, rules: shop.rules }, slug);
  if (!article) notFound();
  return { shop, article };
});

async function loadArticle(params: Props['params']) {
  const { host, slug } = await params;
  return loadArticleBySlug(host, slug);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { article } = await loadArticle(params);
  return { title: article.name, description: article.description ?? undefined };
}

export default async function ProductPage({ params }: Props) {
  const { shop, article } = await loadArticle(params);
  const customer = await getCurrentCustomer(shop.tenant.id);
  const specs: [string, string | null][] = [
    ['Brand', article.brandName],
    ['Category', article.categoryName],
    ['Size', articleSize(article)],
    ['Season', article.season ? seasonLabel(article.season) : null],
    ['Load index / speed rating', article.loadIndex ? `${article.loadIndex} ${article.speedRating ?? ''}`.trim() : null],
    ['Bolt pattern', article.boltPattern],
    ['Offset', article.offsetMm !== null ? `ET${article.offsetMm}` : null],
    ['Article number', article.sku],
  ];
  return (
    <article className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <ol className="flex flex-wrap gap-1">
          <li>
            <Link href="/products" className="underline">
              Products
            </Link>{' '}
            ›
          </li>
          <li>
            <Link href={`/products?category=${article.categorySlug}`} className="underline">
              {article.categoryName}
            </Link>{' '}
            ›
          </li>
          <li aria-current="page" className="text-slate-900">
            {article.name}
          </li>
        </ol>
      </nav>
      <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
        <div>
          <p className="text-sm font-semibold tracking-wide text-slate-500 uppercase">{article.brandName}</p>
          <h1 className="mt-1 text-2xl font-bold sm:text-3xl">{article.name}</h1>
          {article.description ? <p className="mt-3 max-w-2xl text-slate-700">{article.description}</p> : null}
          <dl className="mt-6 grid max-w-2xl grid-cols-1 gap-x-6 sm:grid-cols-2">
            {specs
              .filter((s): s is [string, string] => Boolean(s[1]))
              .map(([label, value]) => (
                <div key={label} className="flex justify-between gap-4 border-b border-slate-200 py-2 text-sm">
                  <dt className="text-slate-600">{label}</dt>
                  <dd className="text-right font-medium">{value}</dd>
                </div>
              ))}
          </dl>
          {article.euFuelClass ? (
            <section aria-labelledby="eu-label" className="mt-6">
              <h2 id="eu-label" className="font-semibold">
                EU tyre label
              </h2>
              <dl className="mt-2 flex flex-wrap gap-3 text-sm">
                <div className="rounded-md bg-white px-3 py-2 shadow-sm">
                  <dt className="text-slate-600">Fuel efficiency</dt>
                  <dd className="text-lg font-bold">{article.euFuelClass}</dd>
                </div>
                <div className="rounded-md bg-white px-3 py-2 shadow-sm">
                  <dt className="text-slate-600">Wet grip</dt>
                  <dd className="text-lg font-bold">{article.euWetGripClass}</dd>
                </div>
                <div className="rounded-md bg-white px-3 py-2 shadow-sm">
                  <dt className="text-slate-600">Rolling noise</dt>
                  <dd className="text-lg font-bold">
                    {article.euNoiseDb} dB {article.euNoiseClass ? `(${article.euNoiseClass})` : ''}
                  </dd>
                </div>
              </dl>
            </section>
          ) : null}
          {article.fitment.length > 0 ? (
            <section aria-labelledby="fitment" className="mt-6">
              <h2 id="fitment" className="font-semibold">
                Fits vehicles from
              </h2>
              <ul className="mt-2 flex flex-wrap gap-2">
                {article.fitment.map((v) => (
                  <li key={v.slug}>
                    <Link href={`/products?vehicle=${v.slug}`} className="inline-block rounded-full border border-slate-300 bg-white px-3 py-1 text-sm">
                      {v.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
        <aside className="h-fit space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <PriceTag netCents={article.netPriceCents} context={shop.price} marginBp={customer?.marginBp ?? 0} size="lg" />
          <StockBadge stock={article.stock} />
          <p className="text-sm text-slate-600">Article number {article.sku}</p>
          <OrderPanel customer={customer} tenantName={shop.tenant.name} slug={article.slug} articleId={article.id} stock={article.stock} />
        </aside>
      </div>
    </article>
  );
}
