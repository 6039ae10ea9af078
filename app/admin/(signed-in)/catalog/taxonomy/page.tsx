import type { Metadata } from 'next';
import { CatalogTabs } from '@/components/admin/catalog-tabs';
import { AdminSection } from '@/components/admin/section';
import { AddTaxonomyForm, TaxonomyRow } from '@/app/admin/(signed-in)/catalog/taxonomy/taxonomy-forms';
import { listTaxonomy, TAXONOMY_LABEL, type TaxonomyAxis } from '@/lib/catalog/catalog-articles';
import { requireAdminPage } from '@/lib/auth/current-admin';

export const metadata: Metadata = { title: 'Brands & categories' };

const descriptions: Record<TaxonomyAxis, string> = {
  brands: 'Tyre and wheel makers. A brand in use by articles cannot be removed.',
  categories: 'Each category holds tyres of one season or wheels. A category in use cannot be removed.',
  vehicleBrands: 'The car makes articles fit. Removing one removes its fitments.',
};

export default async function TaxonomyPage() {
  await requireAdminPage();
  const lists = await listTaxonomy();
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">Catalog</h1>
      <CatalogTabs current="taxonomy" />
      <p className="text-sm text-slate-600">
        Renaming keeps the slug, so shop links and filters keep working. Entries named in a shop’s assortment rules cannot be removed.
      </p>
      {(['brands', 'categories', 'vehicleBrands'] as const).map((axis) => (
        <AdminSection key={axis} id={`taxonomy-${axis}`} title={`${TAXONOMY_LABEL[axis].many} (${lists[axis].length})`} description={descriptions[axis]}>
          <AddTaxonomyForm axis={axis} label={TAXONOMY_LABEL[axis].one} />
          {lists[axis].length === 0 ? (
            <p className="mt-4 text-sm text-slate-600">None yet.</p>
          ) : (
            <ul className="mt-4 divide-y divide-slate-100 border-t border-slate-100">
              {lists[axis].map((entry) => (
                <TaxonomyRow key={entry.id} axis={axis} entry={entry} />
              ))}
            </ul>
          )}
        </AdminSection>
      ))}
    </div>
  );
}
