import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArticleForm } from '@/app/admin/(signed-in)/catalog/articles/article-form';
import { adminCard } from '@/components/admin/styles';
import { platformDb } from '@/db/connection-registry';
import { getCatalogArticle, loadTaxonomy } from '@/lib/catalog/catalog-articles';
import { requireAdminPage } from '@/lib/auth/current-admin';

export const metadata: Metadata = { title: 'Article' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EditArticlePage({ params, searchParams }: Props) {
  await requireAdminPage();
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const [article, taxonomy, query] = await Promise.all([getCatalogArticle(id), platformDb().then(loadTaxonomy), searchParams]);
  if (!article) notFound();
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link href="/catalog" className="underline">
          ← Catalog
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-bold">{article.input.name}</h1>
        <p className="mt-1 font-mono text-xs text-slate-600">
          {article.input.sku} · /products/{article.slug}
        </p>
      </div>
      {query.created ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Article added. Shops that show its brand and category list it now.
        </p>
      ) : null}
      <div className={adminCard}>
        <ArticleForm articleId={id} initial={article.input} options={taxonomy} />
      </div>
    </div>
  );
}
