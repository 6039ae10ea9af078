import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { articles } from '@/db/schema';
import { whereAll, type CatalogFilters, type FacetAxis } from './catalog-filters';
import type { CatalogDimensions } from './catalog-dimensions';
import { seasonLabel, seasonOrder } from './seasons';

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export type Facets = Record<FacetAxis, FacetValue[]>;

type ColumnAxis = Exclude<FacetAxis, 'vehicle'>;
const COLUMN_AXES: ColumnAxis[] = ['brand', 'category', 'season', 'width', 'aspect', 'rim'];
const columnOf: Record<ColumnAxis, SQL> = {
  brand: sql`${articles.brandId}`,
  category: sql`${articles.categoryId}`,
  season: sql`${articles.season}`,
  width: sql`${articles.width}`,
  aspect: sql`${articles.aspectRatio}`,
  rim: sql`${articles.rimDiameter}`,
};

type Counts = Map<string, number>;

/**
 * Every axis without a filter of its own shares one WHERE clause, so their counts and the total come
 * from a single GROUPING SETS pass (answered from articles_facets_idx). An axis that is filtered counts
 * without its own filter, in a query of its own, so a buyer sees what else they could pick.
 */
async function countColumnAxes(db: Executor, filters: CatalogFilters): Promise<{ total: number; counts: Record<ColumnAxis, Counts> }> {
  const counts = Object.fromEntries(COLUMN_AXES.map((a) => [a, new Map()])) as Record<ColumnAxis, Counts>;
  const shared = COLUMN_AXES.filter((axis) => !filters.byAxis[axis]);
  const own = COLUMN_AXES.filter((axis) => filters.byAxis[axis]);
  const sets = sql.join([...shared.map((axis) => sql`(${columnOf[axis]})`), sql`()`], sql`, `);
  const selected = sql.join(
    shared.map((axis) => sql`${columnOf[axis]}::text as ${sql.identifier(axis)}, grouping(${columnOf[axis]}) as ${sql.identifier(`g_${axis}`)}`),
    sql`, `,
  );
  const sharedQuery = db.execute(sql`
    select ${shared.length ? sql`${selected},` : sql``} count(*)::int as n
    from ${articles} where ${whereAll(filters)} group by grouping sets (${sets})`);
  const ownQueries = own.map((axis) =>
    db.execute(sql`select ${columnOf[axis]}::text as value, count(*)::int as n from ${articles}
      where ${whereAll(filters, axis)} group by 1`),
  );
  const [sharedRows, ...ownRows] = await Promise.all([sharedQuery, ...ownQueries]);
  let total = 0;
  for (const row of rowsOf<Record<string, unknown>>(sharedRows)) {
    const axis = shared.find((a) => Number(row[`g_${a}`]) === 0);
    if (!axis) total = Number(row.n);
    else if (row[axis] !== null) counts[axis].set(String(row[axis]), Number(row.n));
  }
  own.forEach((axis, i) => {
    for (const row of rowsOf<{ value: string | null; n: number }>(ownRows[i])) {
      if (row.value !== null) counts[axis].set(row.value, Number(row.n));
    }
  });
  return { total, counts };
}

async function countVehicleBrands(db: Executor, filters: CatalogFilters): Promise<Counts> {
  // (article, vehicle brand) is the link table's key, so count(*) counts distinct articles.
  const rows = await db.execute(sql`
    select avb.vehicle_brand_id::text as value, count(*)::int as n
    from article_vehicle_brands avb join ${articles} on ${articles.id} = avb.article_id
    where ${whereAll(filters, 'vehicle')} group by 1`);
  return new Map(rowsOf<{ value: string; n: number }>(rows).map((r) => [r.value, Number(r.n)]));
}


function labelled(counts: Counts, dimension: Map<number, { slug: string; name: string; sortOrder: number }>): FacetValue[] {
  return [...counts]
    .flatMap(([id, count]) => {
      const d = dimension.get(Number(id));
      return d ? [{ value: d.slug, label: d.name, count, order: d.sortOrder }] : [];
    })
    .sort((a, b) => a.order - b.order || a.label.localeCompare(b.label))
    .map(({ order: _order, ...facet }) => facet);
}

function numeric(counts: Counts): FacetValue[] {
  return [...counts]
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([value, count]) => ({ value, label: value, count }));
}

/** Raw facet counts: per axis, [value, count] pairs, values as ids for brands, categories, vehicle makes. */
export type FacetCounts = Record<FacetAxis, Array<[string, number]>>;

/** Facet counts for every axis plus the total, for one tenant and one set of filters, unlabelled. */
export async function countFacets(db: Executor, filters: CatalogFilters): Promise<{ total: number; counts: FacetCounts }> {
  const [{ total, counts }, vehicle] = await Promise.all([countColumnAxes(db, filters), countVehicleBrands(db, filters)]);
  const pairs = (c: Counts) => [...c];
  return {
    total,
    counts: {
      brand: pairs(counts.brand),
      category: pairs(counts.category),
      season: pairs(counts.season),
      vehicle: pairs(vehicle),
      width: pairs(counts.width),
      aspect: pairs(counts.aspect),
      rim: pairs(counts.rim),
    },
  };
}

/** Names, order and labels for raw counts; dimensions that no longer exist are left out. */
export function labelFacets(counts: FacetCounts, dims: CatalogDimensions): Facets {
  const map = (axis: FacetAxis): Counts => new Map(counts[axis] ?? []);
  return {
    brand: labelled(map('brand'), dims.brands),
    category: labelled(map('category'), dims.categories),
    season: [...map('season')]
      .sort((a, b) => seasonOrder(a[0]) - seasonOrder(b[0]))
      .map(([value, count]) => ({ value, label: seasonLabel(value), count })),
    vehicle: labelled(map('vehicle'), dims.vehicleBrands),
    width: numeric(map('width')),
    aspect: numeric(map('aspect')),
    rim: numeric(map('rim')),
  };
}
