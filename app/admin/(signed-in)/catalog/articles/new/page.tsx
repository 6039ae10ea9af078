import type { Metadata } from 'next';
import Link from 'next/link';
import { ArticleForm } from '@/app/admin/(signed-in)/catalog/articles/article-form';
import { adminCard } from '@/components/admin/styles';
import { platformDb } from '@/db/connection-registry';
import { loadTaxonomy } from '@/lib/catalog/catalog-articles';
import { requireAdminPage } from '@/lib/auth/current-admin';

export const metadata: Metadata = { title: 'New article' };

const empty = {
  sku: '',
  name: '',
  description: '',
  brand: '',
  category: '',
  width: '',
  aspectRatio: '',
  rimDiameter: '',
  loadIndex: '',
  speedRating: '',
  euFuelClass: '',
  euWetGripClass: '',
  euNoiseDb: '',
  euNoiseClass: '',
  boltPattern: '',
  offsetMm: '',
  stock: '0',
  basePrice: '',
  vehicleMakes: '',
};

export default async function NewArticlePage() {
  await requireAdminPage();
  const taxonomy = await loadTaxonomy(await platformDb());
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link href="/catalog" className="underline">
          ← Catalog
        </Link>
      </p>
      <h1 className="text-2xl font-bold">New article</h1>
      <div className={adminCard}>
        <ArticleForm initial={empty} options={taxonomy} />
      </div>
    </div>
  );
}
