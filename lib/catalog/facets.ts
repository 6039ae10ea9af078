import 'server-only';
import { sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { articles, articleVehicleBrands } from '@/db/schema';
import { whereAll, type CatalogFilters, type FacetAxis } from './catalog-filters';
import type { CatalogDimensions, Dimension } from './catalog-dimensions';
import { seasonLabel, seasonOrder } from './seasons';

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export type Facets = Record<FacetAxis, FacetValue[]>;

type Counts = Map<string, number>;
type Labeller = (counts: Counts, dims: CatalogDimensions) => FacetValue[];

/**
 * Where a facet's values come from: a column of `articles`, or a table that links articles to values
 * (one row per article and value). Whatever a facet reads must fire the catalog-version trigger
 * (migration 0010), or the stored summaries keep old counts: tests/catalog-version-trigger.test.ts checks.
 */
export type FacetSource = { column: AnyPgColumn; label: Labeller } | { link: { table: PgTable; articleId: AnyPgColumn; value: AnyPgColumn }; label: Labeller };

function labelled(counts: Counts, dimension: Map<number, Dimension>): FacetValue[] {
  return [...counts]
    .flatMap(([id, count]) => {
      const d = dimension.get(Number(id));
      return d ? [{ value: d.slug, label: d.name, count, order: d.sortOrder }] : [];
    })
    .sort((a, b) => a.order - b.order || a.label.localeCompare(b.label))
    .map(({ order: _order, ...facet }) => facet);
}

function numeric(counts: Counts): FacetValue[] {
  return [...counts].sort((a, b) => Number(a[0]) - Number(b[0])).map(([value, count]) => ({ value, label: value, count }));
}

function seasons(counts: Counts): FacetValue[] {
  return [...counts].sort((a, b) => seasonOrder(a[0]) - seasonOrder(b[0])).map(([value, count]) => ({ value, label: seasonLabel(value), count }));
}

/** One source per facet of the filter registry (catalog-filter-registry.ts). */
export const FACET_SOURCES = {
  brand: { column: articles.brandId, label: (counts, dims) => labelled(counts, dims.brands) },
  category: { column: articles.categoryId, label: (counts, dims) => labelled(counts, dims.categories) },
  season: { column: articles.season, label: seasons },
  vehicle: {
    link: { table: articleVehicleBrands, articleId: articleVehicleBrands.articleId, value: articleVehicleBrands.vehicleBrandId },
    label: (counts, dims) => labelled(counts, dims.vehicleBrands),
  },
  width: { column: articles.width, label: numeric },
  aspect: { column: articles.aspectRatio, label: numeric },
  rim: { column: articles.rimDiameter, label: numeric },
} satisfies Record<FacetAxis, FacetSource>;

export const FACET_AXES = Object.keys(FACET_SOURCES) as FacetAxis[];
const sourceOf = (axis: FacetAxis): FacetSource => FACET_SOURCES[axis];
const COLUMN_AXES = FACET_AXES.filter((axis) => 'column' in sourceOf(axis));
const LINK_AXES = FACET_AXES.filter((axis) => 'link' in sourceOf(axis));
const columnOf = (axis: FacetAxis) => {
  const source = sourceOf(axis);
  if (!('column' in source)) throw new Error(`facet ${axis} has no column`);
  return sql`${source.column}`;
};

/**
 * Every axis without a filter of its own shares one WHERE clause, so their counts and the total come
 * from a single GROUPING SETS pass (answered from articles_facets_idx). An axis that is filtered counts
 * without its own filter, in a query of its own, so a buyer sees what else they could pick.
 */
async function countColumnAxes(db: Executor, filters: CatalogFilters): Promise<{ total: number; counts: Partial<Record<FacetAxis, Counts>> }> {
  const counts: Partial<Record<FacetAxis, Counts>> = Object.fromEntries(COLUMN_AXES.map((a) => [a, new Map()]));
  const shared = COLUMN_AXES.filter((axis) => !filters.byAxis[axis]);
  const own = COLUMN_AXES.filter((axis) => filters.byAxis[axis]);
  const sets = sql.join([...shared.map((axis) => sql`(${columnOf(axis)})`), sql`()`], sql`, `);
  const selected = sql.join(
    shared.map((axis) => sql`${columnOf(axis)}::text as ${sql.identifier(axis)}, grouping(${columnOf(axis)}) as ${sql.identifier(`g_${axis}`)}`),
    sql`, `,
  );
  const sharedQuery = db.execute(sql`
    select ${shared.length ? sql`${selected},` : sql``} count(*)::int as n
    from ${articles} where ${whereAll(filters)} group by grouping sets (${sets})`);
  const ownQueries = own.map((axis) =>
    db.execute(sql`select ${columnOf(axis)}::text as value, count(*)::int as n from ${articles}
      where ${whereAll(filters, axis)} group by 1`),
  );
  const [sharedRows, ...ownRows] = await Promise.all([sharedQuery, ...ownQueries]);
  let total = 0;
  for (const row of rowsOf<Record<string, unknown>>(sharedRows)) {
    const axis = shared.find((a) => Number(row[`g_${a}`]) === 0);
    if (!axis) total = Number(row.n);
    else if (row[axis] !== null) counts[axis]!.set(String(row[axis]), Number(row.n));
  }
  own.forEach((axis, i) => {
    for (const row of rowsOf<{ value: string | null; n: number }>(ownRows[i])) {
      if (row.value !== null) counts[axis]!.set(row.value, Number(row.n));
    }
  });
  return { total, counts };
}

/** A facet from a link table: (article, value) is its key, so count(*) counts distinct articles. */
async function countLinkAxis(db: Executor, filters: CatalogFilters, axis: FacetAxis): Promise<Counts> {
  const source = sourceOf(axis);
  if (!('link' in source)) throw new Error(`facet ${axis} has no link table`);
  const { table, articleId, value } = source.link;
  const rows = await db.execute(sql`
    select ${value}::text as value, count(*)::int as n
    from ${table} join ${articles} on ${articles.id} = ${articleId}
    where ${whereAll(filters, axis)} group by 1`);
  return new Map(rowsOf<{ value: string; n: number }>(rows).map((r) => [r.value, Number(r.n)]));
}

/** Raw facet counts: per axis, [value, count] pairs, values as ids for brands, categories, vehicle makes. */
export type FacetCounts = Record<FacetAxis, Array<[string, number]>>;

/** Facet counts for every axis plus the total, for one tenant and one set of filters, unlabelled. */
export async function countFacets(db: Executor, filters: CatalogFilters): Promise<{ total: number; counts: FacetCounts }> {
  const [{ total, counts }, ...linked] = await Promise.all([countColumnAxes(db, filters), ...LINK_AXES.map((axis) => countLinkAxis(db, filters, axis))]);
  for (const [i, axis] of LINK_AXES.entries()) counts[axis] = linked[i];
  const pairs = (axis: FacetAxis): Array<[string, number]> => [...(counts[axis] ?? [])];
  return { total, counts: Object.fromEntries(FACET_AXES.map((axis) => [axis, pairs(axis)])) as FacetCounts };
}

/** Names, order and labels for raw counts; dimensions that no longer exist are left out. */
export function labelFacets(counts: FacetCounts, dims: CatalogDimensions): Facets {
  const labelledAxis = (axis: FacetAxis) => [axis, sourceOf(axis).label(new Map(counts[axis] ?? []), dims)];
  return Object.fromEntries(FACET_AXES.map(labelledAxis)) as Facets;
}
