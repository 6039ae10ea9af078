import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { articles } from '@/db/schema';
import { visibilityCondition, type VisibilityRules } from './visibility';

/**
 * Which product kinds (tyres, wheels) the tenant shows at all, so navigation never leads to an empty aisle.
 * One statement: an existence check per kind.
 */
export async function listVisibleKinds(db: Executor, rules: VisibilityRules): Promise<Array<'tyre' | 'wheel'>> {
  const shows = (kind: 'tyre' | 'wheel') => sql`exists (select 1 from ${articles} where ${eq(articles.kind, kind)} and ${visibilityCondition(rules)} limit 1)`;
  const [row] = rowsOf<{ tyre: boolean | string; wheel: boolean | string }>(await db.execute(sql`select ${shows('tyre')} as tyre, ${shows('wheel')} as wheel`));
  const yes = (value: boolean | string | undefined) => value === true || value === 't' || value === 'true';
  return (['tyre', 'wheel'] as const).filter((kind) => yes(row?.[kind]));
}
