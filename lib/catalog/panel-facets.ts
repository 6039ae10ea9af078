import type { FacetAxis } from './catalog-filter-registry';
import type { Facets, FacetValue } from './facets';

/**
 * A facet value as the filter panel receives it: `[value, count]`, with the label third only where it
 * is not the value itself (sizes are their own labels). The panel is a client component, so its facets
 * are written into every listing page's RSC payload beside the HTML they render; as objects, the
 * repeated `value`/`label`/`count` keys were about half of those bytes.
 */
export type PanelFacetValue = [value: string, count: number, label?: string];

export type PanelFacets = Record<FacetAxis, PanelFacetValue[]>;

const pack = ({ value, label, count }: FacetValue): PanelFacetValue => (label === value ? [value, count] : [value, count, label]);

export const unpackFacetValue = ([value, count, label = value]: PanelFacetValue): FacetValue => ({ value, label, count });

export function panelFacets(facets: Facets): PanelFacets {
  return Object.fromEntries(Object.entries(facets).map(([axis, values]) => [axis, values.map(pack)])) as PanelFacets;
}
