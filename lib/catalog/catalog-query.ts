import { z } from 'zod';
import { findTyreSize } from './parse-tyre-size';

export const SORTS = ['relevance', 'price-asc', 'price-desc', 'name'] as const;
export const SEASONS = ['summer', 'winter', 'all_season'] as const;
export const KINDS = ['tyre', 'wheel'] as const;
export const PAGE_SIZE = 24;
export const MAX_PAGE = 500;

const slug = z.string().trim().toLowerCase().regex(/^[a-z0-9-]{1,80}$/);
const smallInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const many = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : String(value).split(','));

/**
 * Catalog filters from the URL. A buyer's URL is never an error page: each value that does not parse
 * is dropped on its own and the rest of the filters still apply.
 */
export const catalogQuerySchema = z.object({
  q: z.preprocess(first, z.string().trim().max(100).optional()).catch(undefined),
  brands: z.preprocess(many, z.array(z.unknown())).transform((values) =>
    [...new Set(values.flatMap((v) => (slug.safeParse(v).success ? [slug.parse(v)] : [])))].slice(0, 50),
  ),
  kind: z.preprocess(first, z.enum(KINDS).optional()).catch(undefined),
  category: z.preprocess(first, slug.optional()).catch(undefined),
  season: z.preprocess(first, z.enum(SEASONS).optional()).catch(undefined),
  vehicle: z.preprocess(first, slug.optional()).catch(undefined),
  /** Tyre widths in millimetres; wheel widths in tenths of an inch (75 = 7.5J), from the same facet. */
  width: z.preprocess(first, smallInt(40, 400).optional()).catch(undefined),
  aspect: z.preprocess(first, smallInt(20, 95).optional()).catch(undefined),
  rim: z.preprocess(first, smallInt(10, 26).optional()).catch(undefined),
  inStock: z.preprocess(first, z.string().optional()).transform((v) => v === '1' || v === 'true'),
  sort: z.preprocess(first, z.enum(SORTS).optional()).catch(undefined).transform((v) => v ?? 'relevance'),
  page: z.preprocess(first, smallInt(1, MAX_PAGE).optional()).catch(undefined).transform((v) => v ?? 1),
  /** Keyset cursor: the page starts after this article (in the default order); `page` is then only shown. */
  after: z.preprocess(first, z.coerce.number().int().positive().max(2_147_483_647).optional()).catch(undefined),
});

export type CatalogQuery = z.output<typeof catalogQuerySchema>;

export function parseCatalogQuery(params: Record<string, string | string[] | undefined>): CatalogQuery {
  // Renamed keys: `brand` in the URL (repeatable, reads better), `brands` in code.
  return withSizeFromText(catalogQuerySchema.parse({ ...params, brands: params.brand, inStock: params.stock }));
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
  if (query.q) params.set('q', query.q);
  if (query.kind) params.set('kind', query.kind);
  for (const b of query.brands ?? []) params.append('brand', b);
  if (query.category) params.set('category', query.category);
  if (query.season) params.set('season', query.season);
  if (query.vehicle) params.set('vehicle', query.vehicle);
  if (query.width) params.set('width', String(query.width));
  if (query.aspect) params.set('aspect', String(query.aspect));
  if (query.rim) params.set('rim', String(query.rim));
  if (query.inStock) params.set('stock', '1');
  if (query.sort && query.sort !== 'relevance') params.set('sort', query.sort);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  if (query.after) params.set('after', String(query.after));
  const text = params.toString();
  return text ? `?${text}` : '';
}
