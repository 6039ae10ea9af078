import type { Metadata } from 'next';
import { BulkPriceConfirm } from '@/app/admin/(signed-in)/catalog/prices/bulk-price-confirm';
import { CatalogTabs } from '@/components/admin/catalog-tabs';
import { AdminSection } from '@/components/admin/section';
import { adminSecondaryButton } from '@/components/admin/styles';
import { platformDb } from '@/db/connection-registry';
import { describeScope, parseBulkPriceChange, previewBulkPriceChange, type BulkPriceChange, type BulkPricePreview } from '@/lib/pricing/bulk-price-change';
import { loadTaxonomy } from '@/lib/catalog/catalog-articles';
import { requireAdminPage } from '@/lib/auth/current-admin';
import { isAppError } from '@/lib/errors';
import { formatMoney } from '@/lib/pricing/resolve-price';

export const metadata: Metadata = { title: 'Base prices' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const text = (value: string | string[] | undefined) => (typeof value === 'string' ? value : '');
const control = (error?: string) =>
  `w-full rounded-md border bg-white px-3 py-2 text-base sm:text-sm ${error ? 'border-red-600 ring-1 ring-red-600' : 'border-slate-300'}`;

export default async function BulkPricePage({ searchParams }: Props) {
  await requireAdminPage();
  const raw = await searchParams;
  const form = { brand: text(raw.brand), category: text(raw.category), mode: text(raw.mode) || 'percent', change: text(raw.change) };
  const taxonomy = await loadTaxonomy(await platformDb());
  let change: BulkPriceChange | null = null;
  let preview: BulkPricePreview | null = null;
  let scope = '';
  let error: { field?: string; message: string } | null = null;
  if (form.change !== '') {
    try {
      change = parseBulkPriceChange(form);
      [preview, scope] = await Promise.all([previewBulkPriceChange(change), describeScope(change)]);
    } catch (caught) {
      if (!isAppError(caught)) throw caught;
      const fieldErrors = (caught.details?.fieldErrors ?? {}) as Record<string, string>;
      const [field] = Object.keys(fieldErrors);
      error = { field, message: caught.message };
    }
  }
  const fieldError = (name: string) => (error?.field === name ? error.message : undefined);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">Catalog</h1>
      <CatalogTabs current="prices" />
      <AdminSection
        id="bulk-price"
        title="Change base prices"
        description="Raise or lower the wholesale base price of many articles at once. Shops’ own price overrides stay as they are; every price derived from the base follows."
      >
        <form method="get" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_auto_1fr_auto] lg:items-start">
          <div>
            <label htmlFor="bulk-brand" className="mb-1 block text-sm font-medium">
              Brand
            </label>
            <select id="bulk-brand" name="brand" defaultValue={form.brand} className={control(fieldError('brand'))}>
              <option value="">All brands</option>
              {taxonomy.brands.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="bulk-category" className="mb-1 block text-sm font-medium">
              Category
            </label>
            <select id="bulk-category" name="category" defaultValue={form.category} className={control(fieldError('category'))}>
              <option value="">All categories</option>
              {taxonomy.categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <fieldset>
            <legend className="mb-1 block text-sm font-medium">By</legend>
            <div className="flex gap-4 py-2 text-sm">
              <label className="flex items-center gap-2">
                <input type="radio" name="mode" value="percent" defaultChecked={form.mode !== 'amount'} className="size-4" /> Percent
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="mode" value="amount" defaultChecked={form.mode === 'amount'} className="size-4" /> Euros
              </label>
            </div>
          </fieldset>
          <div>
            <label htmlFor="bulk-change" className="mb-1 block text-sm font-medium">
              Change
              <span aria-hidden className="text-red-700">
                {' '}
                *
              </span>
            </label>
            <input
              id="bulk-change"
              name="change"
              required
              defaultValue={form.change}
              inputMode="decimal"
              maxLength={20}
              placeholder="+3.5 or -10"
              aria-invalid={fieldError('change') ? true : undefined}
              aria-describedby={fieldError('change') ? 'bulk-change-error' : 'bulk-change-hint'}
              className={control(fieldError('change'))}
            />
            {fieldError('change') ? (
              <p id="bulk-change-error" className="mt-1 text-sm text-red-700">
                {fieldError('change')}
              </p>
            ) : (
              <p id="bulk-change-hint" className="mt-1 text-xs text-slate-600">
                Signed; rounded to the cent.
              </p>
            )}
          </div>
          <div className="lg:pt-6">
            <button type="submit" className={adminSecondaryButton}>
              Preview
            </button>
          </div>
        </form>
        {error && !error.field ? (
          <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {error.message}
          </p>
        ) : null}
      </AdminSection>

      {change && preview ? (
        <AdminSection id="bulk-preview" title="Preview" description={`${change.label} on ${scope}.`}>
          {preview.articles === 0 ? (
            <p className="text-sm text-slate-600">No article matches this selection.</p>
          ) : (
            <div className="space-y-4">
              <p className="text-sm" data-testid="bulk-preview-count">
                <strong>{preview.articles.toLocaleString('en-GB')}</strong> article{preview.articles === 1 ? '' : 's'}, now priced{' '}
                {formatMoney(preview.lowestBefore ?? 0, 'EUR')} – {formatMoney(preview.highestBefore ?? 0, 'EUR')}.
              </p>
              {preview.outOfRange > 0 ? (
                <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                  {preview.outOfRange.toLocaleString('en-GB')} article{preview.outOfRange === 1 ? '' : 's'} would cost less than €0.01 or more than €100,000.
                  Narrow the selection or change less.
                </p>
              ) : null}
              <div className="overflow-x-auto rounded-md border border-slate-200">
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">The first articles, before and after</caption>
                  <thead className="bg-slate-100 text-slate-600">
                    <tr>
                      <th className="px-3 py-2 font-medium">Article</th>
                      <th className="px-3 py-2 text-right font-medium">Now</th>
                      <th className="px-3 py-2 text-right font-medium">After</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.samples.map((s) => (
                      <tr key={s.sku} className="border-t border-slate-100">
                        <td className="px-3 py-2">
                          {s.name} <span className="block font-mono text-xs text-slate-500">{s.sku}</span>
                        </td>
                        <td className="px-3 py-2 text-right tabular-nums">{formatMoney(s.before, 'EUR')}</td>
                        <td className="px-3 py-2 text-right font-semibold tabular-nums">{formatMoney(s.after, 'EUR')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {preview.outOfRange === 0 ? (
                <BulkPriceConfirm
                  fields={{ ...form, expectedCount: String(preview.articles) }}
                  label={`Change ${preview.articles.toLocaleString('en-GB')} base price${preview.articles === 1 ? '' : 's'} by ${change.label}`}
                />
              ) : null}
            </div>
          )}
        </AdminSection>
      ) : null}
    </div>
  );
}
