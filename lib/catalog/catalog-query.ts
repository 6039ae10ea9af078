import { z } from 'zod';
import { filterInput, filterParams, filterSchemas, FILTER_KEYS, first, smallInt } from './catalog-filter-registry';
import { findTyreSize } from './parse-tyre-size';

export { KINDS, SEASONS } from './catalog-filter-registry';
export const SORTS = ['relevance', 'price-asc', 'price-desc', 'name'] as const;
export const PAGE_SIZE = 24;
export const MAX_PAGE = 500;

/**
 * Catalog filters from the URL (catalog-filter-registry.ts), then the listing's order and position. A
 * buyer's URL is never an error page: each value that does not parse is dropped on its own and the rest
 * of the filters still apply.
 */
export const catalogQuerySchema = z.object({
  ...filterSchemas(),
  sort: z
    .preprocess(first, z.enum(SORTS).optional())
    .catch(undefined)
    .transform((v) => v ?? 'relevance'),
  page: z
    .preprocess(first, smallInt(1, MAX_PAGE).optional())
    .catch(undefined)
    .transform((v) => v ?? 1),
  /** Keyset cursor: the page starts after this article (in the default order); `page` is then only shown. */
  after: z.preprocess(first, z.coerce.number().int().positive().max(2_147_483_647).optional()).catch(undefined),
});

export type CatalogQuery = z.output<typeof catalogQuerySchema>;

export function parseCatalogQuery(params: Record<string, string | string[] | undefined>): CatalogQuery {
  // Each filter under its name in code, whatever its URL parameter is called (`brand` → `brands`).
  return withSizeFromText(catalogQuerySchema.parse({ ...params, ...filterInput(params) }));
}

/**
 * A tyre size typed into the search is the size filter, and only the rest of the text is searched:
 * `q=michelin 205/55 R16` is `q=michelin&width=205&aspect=55&rim=16`. So the width, profile and rim
 * selects show the size, and changing one of them (the form sends the selects and only the rest of
 * the text) replaces that part of it. A size part already given as its own parameter wins.
 */
function withSizeFromText(query: CatalogQuery): CatalogQuery {
  const found = query.q ? findTyreSize(query.q) : null;
  if (!found) return query;
  const { size, rest } = found;
  return {
    ...query,
    q: rest || undefined,
    width: query.width ?? size.width,
    aspect: query.aspect ?? size.aspectRatio,
    rim: query.rim ?? size.rimDiameter,
  };
}

/** Builds the URL search string for a query, leaving out defaults so links stay short and shareable. */
export function catalogQueryToSearch(query: Partial<CatalogQuery>): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) for (const [name, value] of filterParams(key, query)) params.append(name, value);
  if (query.sort && query.sort !== 'relevance') params.set('sort', query.sort);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  if (query.after) params.set('after', String(query.after));
  const text = params.toString();
  return text ? `?${text}` : '';
}
