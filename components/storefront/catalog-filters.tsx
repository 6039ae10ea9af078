'use client';

import Link from 'next/link';
import type { CatalogQuery } from '@/lib/catalog/catalog-query';
import type { FacetValue } from '@/lib/catalog/list-visible-articles';
import { AutoSubmit } from './auto-submit';
import { FilterPanel } from './filter-panel';

type Facets = Record<'brand' | 'category' | 'season' | 'vehicle' | 'width' | 'aspect' | 'rim', FacetValue[]>;

const selectClass = 'w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm';

/**
 * The facet's values, plus the chosen one when the facet has none of it (a size the other filters rule
 * out, or one typed into the search that the shop does not carry): a control always shows the filter
 * that is applied, never "Any" while it is not.
 */
function withSelected(values: FacetValue[], selected: string | number | undefined): FacetValue[] {
  if (selected === undefined || values.some((v) => v.value === String(selected))) return values;
  const chosen = { value: String(selected), label: String(selected), count: 0 };
  return [...values, chosen].sort((a, b) => (/^\d+$/.test(a.value) && /^\d+$/.test(b.value) ? Number(a.value) - Number(b.value) : 0));
}

function FacetSelect(props: { name: string; label: string; values: FacetValue[]; selected?: string | number; format?: (v: FacetValue) => string }) {
  const { name, label, selected, format } = props;
  const values = withSelected(props.values, selected);
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="mb-1 block text-sm font-medium">{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={selected === undefined ? '' : String(selected)} className={selectClass}>
        <option value="">Any</option>
        {values.map((v) => (
          <option key={v.value} value={v.value}>
            {`${format ? format(v) : v.label} (${v.count})`}
          </option>
        ))}
      </select>
    </div>
  );
}

function activeFilterCount(query: CatalogQuery): number {
  return [query.brands.length > 0, query.category, query.season, query.vehicle, query.width, query.aspect, query.rim, query.inStock].filter(Boolean).length;
}

/**
 * A plain GET form: filters work without JavaScript and every filtered page has a shareable URL.
 * A client component only so that the facets travel as data, not as a rendered tree of a few hundred
 * options and checkboxes: that tree was the larger part of the catalog page's RSC payload.
 */
export function CatalogFilters({ query, facets }: { query: CatalogQuery; facets: Facets }) {
  const wheelWidth = (v: FacetValue) => (Number(v.value) < 100 ? `${(Number(v.value) / 10).toFixed(1)}J` : v.label);
  return (
    <FilterPanel activeCount={activeFilterCount(query)}>
      <form method="get" action="/products" className="space-y-5 rounded-lg border border-slate-200 bg-white p-4" aria-label="Filter products">
        <AutoSubmit />
        {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
        {query.kind ? <input type="hidden" name="kind" value={query.kind} /> : null}
        {query.sort !== 'relevance' ? <input type="hidden" name="sort" value={query.sort} /> : null}
        <FacetSelect name="category" label="Category" values={facets.category} selected={query.category} />
        <FacetSelect name="season" label="Season" values={facets.season} selected={query.season} />
        <fieldset>
          <legend className="mb-1 text-sm font-medium">Size</legend>
          <div className="grid grid-cols-3 gap-2">
            <FacetSelect name="width" label="Width" values={facets.width} selected={query.width} format={wheelWidth} />
            <FacetSelect name="aspect" label="Profile" values={facets.aspect} selected={query.aspect} />
            <FacetSelect name="rim" label="Rim" values={facets.rim} selected={query.rim} format={(v) => `R${v.label}`} />
          </div>
        </fieldset>
        <FacetSelect name="vehicle" label="Vehicle brand" values={facets.vehicle} selected={query.vehicle} />
        <fieldset>
          <legend className="mb-1 text-sm font-medium">Brand</legend>
          {facets.brand.length === 0 ? <p className="text-sm text-slate-500">No brands match.</p> : null}
          <ul className="max-h-72 space-y-1 overflow-y-auto pr-1">
            {query.brands.reduce(withSelected, facets.brand).map((b) => (
              <li key={b.value}>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="brand" value={b.value} defaultChecked={query.brands.includes(b.value)} className="size-4" />
                  <span className="flex-1">{b.label}</span>
                  <span className="text-xs text-slate-500">{b.count}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" name="stock" value="1" defaultChecked={query.inStock} className="size-4" />
          In stock only
        </label>
        <div className="flex items-center gap-3">
          <button type="submit" className="bg-brand text-brand-contrast rounded-md px-4 py-2 text-sm font-semibold">Apply filters</button>
          <Link href={query.q ? `/products?q=${encodeURIComponent(query.q)}` : '/products'} className="text-sm underline">Clear all</Link>
        </div>
      </form>
    </FilterPanel>
  );
}
