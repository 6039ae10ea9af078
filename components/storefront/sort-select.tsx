import { AutoSubmit } from './auto-submit';
import { hiddenFilterFields } from '@/lib/catalog/catalog-filter-registry';
import type { CatalogQuery } from '@/lib/catalog/catalog-query';

const labels: Record<CatalogQuery['sort'], string> = {
  relevance: 'Recommended',
  'price-asc': 'Price: low to high',
  'price-desc': 'Price: high to low',
  name: 'Name',
};

/** Sorting keeps every active filter: they ride along as hidden fields. */
export function SortSelect({ query }: { query: CatalogQuery }) {
  const hidden = hiddenFilterFields(query);
  return (
    <form method="get" action="/products" className="flex items-center gap-2">
      <AutoSubmit />
      {hidden.map(([name, value]) => (
        <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor="sort" className="text-sm text-slate-600">
        Sort by
      </label>
      <select id="sort" name="sort" defaultValue={query.sort} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
        {Object.entries(labels).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="rounded-md border px-2 py-1 text-sm">
          Sort
        </button>
      </noscript>
    </form>
  );
}
