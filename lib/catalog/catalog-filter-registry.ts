import { z } from 'zod';

/*
 * The storefront's catalog filters, one entry each: what the URL calls it, how its value is read and
 * written back, which facet it narrows and how the filter panel shows it. The query parser, the
 * canonical search string, `isUnfiltered`, the active-filter count and the hidden fields of the forms
 * are derived from these entries; the SQL condition of each filter (catalog-filters.ts) and the source
 * of each facet (facets.ts) are records keyed by the same names, so the compiler names what a new
 * filter still lacks. docs/catalog-filters.md walks through adding one.
 *
 * The filter panel (a client component) gets `filterPanel(query)` as data and imports only types from
 * here, so neither zod nor anything of the server reaches the browser.
 */

export const SEASONS = ['summer', 'winter', 'all_season'] as const;
export const KINDS = ['tyre', 'wheel'] as const;

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9-]{1,80}$/);
export const smallInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
export const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const many = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : String(value).split(','));

/** A single-valued parameter; an empty or missing value leaves it out of the URL. */
const one = (value: string | number | undefined): string[] => (value ? [String(value)] : []);

/** How a filter shows in the filter panel; a filter without one rides along as a hidden field. */
export type FilterControl =
  | { type: 'select'; label: string; group?: string }
  | { type: 'checkboxes'; label: string; empty: string }
  | { type: 'checkbox'; label: string };

interface FilterSpec<S extends z.ZodType, A extends string> {
  /** The URL parameter (repeated for a list). */
  param: string;
  /** Reads the parameter's raw value(s). A value that does not parse is dropped, never an error page. */
  schema: S;
  /** The parameter's values in the canonical search string; none when the filter is off. */
  toParams: (value: z.output<S> | undefined) => string[];
  /** The facet this filter narrows: every other facet counts with it, its own facet without it. */
  facet?: A;
}

// Keeps each entry's own types: its value type, its facet's name and whether it has a control.
const defineFilter = <S extends z.ZodType, const A extends string = never, C extends FilterControl | undefined = undefined>(
  spec: FilterSpec<S, A> & { control?: C },
) => spec as FilterSpec<S, A> & { control: C };

/** In the order of the URL's parameters, which is part of the render cache's keys. */
export const CATALOG_FILTERS = {
  q: defineFilter({ param: 'q', schema: z.preprocess(first, z.string().trim().max(100).optional()).catch(undefined), toParams: one }),
  kind: defineFilter({ param: 'kind', schema: z.preprocess(first, z.enum(KINDS).optional()).catch(undefined), toParams: one }),
  brands: defineFilter({
    // `brand` in the URL (repeatable, reads better), `brands` in code.
    param: 'brand',
    schema: z
      .preprocess(many, z.array(z.unknown()))
      .transform((values) => [...new Set(values.flatMap((v) => (slug.safeParse(v).success ? [slug.parse(v)] : [])))].slice(0, 50)),
    toParams: (values) => values ?? [],
    facet: 'brand',
    control: { type: 'checkboxes', label: 'Brand', empty: 'No brands match.' },
  }),
  category: defineFilter({
    param: 'category',
    schema: z.preprocess(first, slug.optional()).catch(undefined),
    toParams: one,
    facet: 'category',
    control: { type: 'select', label: 'Category' },
  }),
  season: defineFilter({
    param: 'season',
    schema: z.preprocess(first, z.enum(SEASONS).optional()).catch(undefined),
    toParams: one,
    facet: 'season',
    control: { type: 'select', label: 'Season' },
  }),
  vehicle: defineFilter({
    param: 'vehicle',
    schema: z.preprocess(first, slug.optional()).catch(undefined),
    toParams: one,
    facet: 'vehicle',
    control: { type: 'select', label: 'Vehicle brand' },
  }),
  width: defineFilter({
    param: 'width',
    /** Tyre widths in millimetres; wheel widths in tenths of an inch (75 = 7.5J), from the same facet. */
    schema: z.preprocess(first, smallInt(40, 400).optional()).catch(undefined),
    toParams: one,
    facet: 'width',
    control: { type: 'select', label: 'Width', group: 'Size' },
  }),
  aspect: defineFilter({
    param: 'aspect',
    schema: z.preprocess(first, smallInt(20, 95).optional()).catch(undefined),
    toParams: one,
    facet: 'aspect',
    control: { type: 'select', label: 'Profile', group: 'Size' },
  }),
  rim: defineFilter({
    param: 'rim',
    schema: z.preprocess(first, smallInt(10, 26).optional()).catch(undefined),
    toParams: one,
    facet: 'rim',
    control: { type: 'select', label: 'Rim', group: 'Size' },
  }),
  inStock: defineFilter({
    param: 'stock',
    schema: z.preprocess(first, z.string().optional()).transform((v) => v === '1' || v === 'true'),
    toParams: (on) => (on ? ['1'] : []),
    control: { type: 'checkbox', label: 'In stock only' },
  }),
};

type Filters = typeof CATALOG_FILTERS;
export type FilterKey = keyof Filters;
export const FILTER_KEYS = Object.keys(CATALOG_FILTERS) as FilterKey[];

/** The filters' parsed values, as they appear in a `CatalogQuery`. */
export type FilterValues = z.output<z.ZodObject<{ [K in FilterKey]: Filters[K]['schema'] }>>;

/** The facets: one per filter that names one. */
export type FacetAxis = { [K in FilterKey]: NonNullable<Filters[K]['facet']> }[FilterKey];

/** The filters with a control in the panel: these count as active filters. */
export type PanelFilterKey = { [K in FilterKey]: Filters[K]['control'] extends FilterControl ? K : never }[FilterKey];

/** Where each control stands in the filter panel; consecutive selects of one `group` share a fieldset. */
const FILTER_PANEL = ['category', 'season', 'width', 'aspect', 'rim', 'vehicle', 'brands', 'inStock'] as const satisfies readonly PanelFilterKey[];

// A filter with a control that FILTER_PANEL does not place fails to compile here, naming the filter.
type Unplaced = Exclude<PanelFilterKey, (typeof FILTER_PANEL)[number]>;
const everyControlPlaced: [Unplaced] extends [never] ? true : Unplaced = true;
// Selects and checkbox lists show a facet's values: a filter with one but without a facet fails here.
type WithoutValues = {
  [K in FilterKey]: Filters[K]['control'] extends { type: 'select' | 'checkboxes' } ? ([NonNullable<Filters[K]['facet']>] extends [never] ? K : never) : never;
}[FilterKey];
const everyListHasAFacet: [WithoutValues] extends [never] ? true : WithoutValues = true;
void everyControlPlaced;
void everyListHasAFacet;

/** The zod shape of all filters, keyed by their names in code. */
export function filterSchemas(): { [K in FilterKey]: Filters[K]['schema'] } {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, CATALOG_FILTERS[key].schema])) as { [K in FilterKey]: Filters[K]['schema'] };
}

/** The raw URL values of each filter under its name in code (`brand` → `brands`, `stock` → `inStock`). */
export function filterInput(params: Record<string, string | string[] | undefined>): Record<FilterKey, string | string[] | undefined> {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, params[CATALOG_FILTERS[key].param]])) as Record<FilterKey, string | string[] | undefined>;
}

/** A filter's (parameter, value) pairs in the URL; none when the filter is off. */
export function filterParams(key: FilterKey, query: Partial<FilterValues>): Array<[string, string]> {
  const { param, toParams } = CATALOG_FILTERS[key];
  return (toParams as (value: unknown) => string[])(query[key]).map((value) => [param, value]);
}

export const isFilterActive = (key: FilterKey, query: Partial<FilterValues>): boolean => filterParams(key, query).length > 0;

/** No filter at all: the listing whose total and facets are kept per tenant (catalog-summary.ts). */
export function isUnfiltered(query: FilterValues): boolean {
  return FILTER_KEYS.every((key) => !isFilterActive(key, query));
}

/** What the panel's "Filters (n)" button counts: the active filters that have a control there. */
export function activeFilterCount(query: FilterValues): number {
  return FILTER_PANEL.filter((key) => isFilterActive(key, query)).length;
}

/** The (name, value) pairs of hidden fields that carry these filters through a form. */
export function hiddenFilterFields(query: FilterValues, keys: readonly FilterKey[] = FILTER_KEYS): Array<[string, string]> {
  return keys.flatMap((key) => filterParams(key, query));
}

/** The filters that have no control in the panel (search text, product kind): the panel's form carries them hidden. */
const FILTERS_WITHOUT_CONTROL = FILTER_KEYS.filter((key) => !(FILTER_PANEL as readonly FilterKey[]).includes(key));

export type PanelControl = FilterControl & { filter: PanelFilterKey; name: string; facet?: FacetAxis };

/** What the filter panel renders, as plain data: its sections of controls, hidden fields and active count. */
export interface FilterPanelModel {
  sections: Array<{ group?: string; controls: PanelControl[] }>;
  hidden: Array<[string, string]>;
  activeCount: number;
}

/** The panel's controls in FILTER_PANEL order; consecutive selects of one group share a fieldset. */
export function filterPanel(query: FilterValues): FilterPanelModel {
  const sections: FilterPanelModel['sections'] = [];
  for (const filter of FILTER_PANEL) {
    const { param, facet, control } = CATALOG_FILTERS[filter] as { param: string; facet?: FacetAxis; control: FilterControl };
    const group = control.type === 'select' ? control.group : undefined;
    const entry: PanelControl = { ...control, filter, name: param, ...(facet ? { facet } : {}) };
    const last = sections.at(-1);
    if (group && last?.group === group) last.controls.push(entry);
    else sections.push({ ...(group ? { group } : {}), controls: [entry] });
  }
  return { sections, hidden: hiddenFilterFields(query, FILTERS_WITHOUT_CONTROL), activeCount: activeFilterCount(query) };
}
