import type { Metadata } from 'next';
import { CatalogImportForm } from '@/app/admin/(signed-in)/catalog/import/catalog-import-form';
import { CatalogTabs } from '@/components/admin/catalog-tabs';
import { AdminSection } from '@/components/admin/section';
import { requireAdminPage } from '@/lib/auth/current-admin';

export const metadata: Metadata = { title: 'Import catalog' };

const columns: [string, string][] = [
  ['sku', 'Required. The article’s key: a known SKU is updated, a new one is added.'],
  ['name, brand, category', 'Required for new articles. Brand, category and vehicle makes by name or slug; the category decides tyre or wheel.'],
  [
    'width, rim_diameter, stock, base_price',
    'Required for new articles. Tyre width in mm, wheel width in inches (7.5); price in euros excl. VAT (89.50 or 89,50).',
  ],
  ['aspect_ratio, load_index, speed_rating, eu_fuel_class, eu_wet_grip_class, eu_noise_db, eu_noise_class', 'Tyres only; aspect ratio required for new tyres.'],
  ['bolt_pattern, offset_mm', 'Wheels only, e.g. 5x112 and 35.'],
  ['description', 'Optional text.'],
  ['vehicle_makes', 'Optional, separated by | (audi|bmw). When the column is there it replaces the article’s makes; an empty cell means none.'],
];

export default async function CatalogImportPage() {
  await requireAdminPage();
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">Catalog</h1>
      <CatalogTabs current="import" />
      <AdminSection
        id="catalog-import"
        title="Import a catalog CSV"
        description="Every row is checked first. If any row has a problem nothing is written, and each problem is listed with its row. Importing the same file twice changes nothing the second time."
      >
        <CatalogImportForm />
      </AdminSection>
      <AdminSection
        id="catalog-columns"
        title="Columns"
        description="Only sku is always required. For a known SKU, columns the file leaves out keep their values, so a file of sku,stock,base_price updates stock and prices only."
      >
        <dl className="divide-y divide-slate-100 text-sm">
          {columns.map(([name, text]) => (
            <div key={name} className="grid gap-1 py-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] sm:gap-4">
              <dt className="font-mono text-xs break-words">{name}</dt>
              <dd className="text-slate-700">{text}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-sm text-slate-600">
          Example: <code className="font-mono text-xs break-all">sku,name,brand,category,width,aspect_ratio,rim_diameter,stock,base_price</code>
        </p>
      </AdminSection>
    </div>
  );
}
