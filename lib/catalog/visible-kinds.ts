import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { articles } from '@/db/schema';
import { visibilityCondition, type VisibilityRules } from './visibility';

/** Which product kinds (tyres, wheels) the tenant shows at all, so navigation never leads to an empty aisle. */
export async function listVisibleKinds(db: Executor, rules: VisibilityRules): Promise<Array<'tyre' | 'wheel'>> {
  const kinds: Array<'tyre' | 'wheel'> = [];
  for (const kind of ['tyre', 'wheel'] as const) {
    const [row] = await db
      .select({ one: sql<number>`1` })
      .from(articles)
      .where(sql`${eq(articles.kind, kind)} and ${visibilityCondition(rules)}`)
      .limit(1);
    if (row) kinds.push(kind);
  }
  return kinds;
}
