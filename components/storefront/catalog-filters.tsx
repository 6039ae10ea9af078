'use client';

import type { FilterPanelModel, PanelControl, PanelFilterKey } from '@/lib/catalog/catalog-filter-registry';
import type { CatalogQuery } from '@/lib/catalog/catalog-query';
import type { FacetValue } from '@/lib/catalog/list-visible-articles';
import { type PanelFacets, unpackFacetValue } from '@/lib/catalog/panel-facets';
import { AutoSubmit } from './auto-submit';
import { FilterPanel } from './filter-panel';

/** How a select shows its values, where that is not the facet's label. */
const FORMATS: Partial<Record<PanelFilterKey, (v: FacetValue) => string>> = {
  width: (v) => (Number(v.value) < 100 ? `${(Number(v.value) / 10).toFixed(1)}J` : v.label),
  rim: (v) => `R${v.label}`,
};

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
      <label htmlFor={`filter-${name}`} className="mb-1 block text-sm font-medium">
        {label}
      </label>
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

function CheckboxList(props: { name: string; label: string; empty: string; values: FacetValue[]; selected: string[] }) {
  const { name, label, empty, selected } = props;
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium">{label}</legend>
      {props.values.length === 0 ? <p className="text-sm text-slate-500">{empty}</p> : null}
      <ul className="max-h-72 space-y-1 overflow-y-auto pr-1">
        {selected.reduce(withSelected, props.values).map((b) => (
          <li key={b.value}>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name={name} value={b.value} defaultChecked={selected.includes(b.value)} className="size-4" />
              <span className="flex-1">{b.label}</span>
              <span className="text-xs text-slate-500">{b.count}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** One filter's control, as its registry entry describes it. */
function FilterControl({ control, query, facets }: { control: PanelControl; query: CatalogQuery; facets: PanelFacets }) {
  const value = query[control.filter];
  const values = control.facet ? facets[control.facet].map(unpackFacetValue) : [];
  switch (control.type) {
    case 'select':
      return (
        <FacetSelect
          name={control.name}
          label={control.label}
          values={values}
          selected={value as string | number | undefined}
          format={FORMATS[control.filter]}
        />
      );
    case 'checkboxes':
      return <CheckboxList name={control.name} label={control.label} empty={control.empty} values={values} selected={value as string[]} />;
    case 'checkbox':
      return (
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" name={control.name} value="1" defaultChecked={Boolean(value)} className="size-4" />
          {control.label}
        </label>
      );
    default:
      // A new kind of control in the registry fails to compile here until it is rendered.
      return control satisfies never;
  }
}

/**
 * A plain GET form: filters work without JavaScript and every filtered page has a shareable URL.
 * A client component only so that the facets travel as data (`panelFacets`, a few bytes a value), not as
 * a rendered tree of a few hundred options and checkboxes: as a server component the panel's tree was
 * three and a half times the data in the page's RSC payload (docs/decisions/0017). The panel's shape
 * comes as data too (`filterPanel`), so the filter registry's parsers stay on the server.
 */
export function CatalogFilters({ query, facets, panel }: { query: CatalogQuery; facets: PanelFacets; panel: FilterPanelModel }) {
  return (
    <FilterPanel activeCount={panel.activeCount}>
      <form method="get" action="/products" className="space-y-5 rounded-lg border border-slate-200 bg-white p-4" aria-label="Filter products">
        <AutoSubmit />
        {panel.hidden.map(([name, value]) => (
          <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
        ))}
        {query.sort !== 'relevance' ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {panel.sections.map(({ group, controls }) =>
          group ? (
            <fieldset key={group}>
              <legend className="mb-1 text-sm font-medium">{group}</legend>
              <div className="grid grid-cols-3 gap-2">
                {controls.map((control) => (
                  <FilterControl key={control.filter} control={control} query={query} facets={facets} />
                ))}
              </div>
            </fieldset>
          ) : (
            controls.map((control) => <FilterControl key={control.filter} control={control} query={query} facets={facets} />)
          ),
        )}
        <div className="flex items-center gap-3">
          <button type="submit" className="bg-brand text-brand-contrast rounded-md px-4 py-2 text-sm font-semibold">
            Apply filters
          </button>
          <a href={query.q ? `/products?q=${encodeURIComponent(query.q)}` : '/products'} className="text-sm underline">
            Clear all
          </a>
        </div>
      </form>
    </FilterPanel>
  );
}
