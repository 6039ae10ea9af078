import { DEFAULT_TIME_ZONE } from '@/lib/time/time-zone';
import { canDeleteWindow, describeWindow, overlapMessage, windowsOverlap, type OverrideWindow } from './price-windows';

/**
 * `add`: the file's rows go in beside the shop's other overrides. `replace`: for every article the file
 * names, the file is its whole price list from now on: current and future overrides it leaves out are
 * withdrawn. In both, a row that names an existing override (same article, same first moment) updates
 * it, or leaves it alone when nothing changed; past overrides stay on record either way.
 */
export type PriceImportMode = 'add' | 'replace';

export type ImportCandidate = OverrideWindow & { row: number; sku: string; articleId: number; priceCents: number };
export type ExistingOverride = OverrideWindow & { id: number; articleId: number; priceCents: number };

export interface PriceImportPlan {
  add: ImportCandidate[];
  change: Array<{ id: number; priceCents: number; validUntil: Date | null }>;
  unchanged: number;
  withdraw: ExistingOverride[];
  /** Row number → what is wrong with it; the plan is applied only when this is empty. */
  rowErrors: Map<number, string[]>;
}

type Planned = ImportCandidate & { kind: 'add' | 'change' | 'unchanged'; matchId?: number };

const sameEnd = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** What importing these (valid, looked-up) rows would do to the shop's overrides, without writing anything. */
export function planPriceImport(
  candidates: readonly ImportCandidate[],
  existing: readonly ExistingOverride[],
  mode: PriceImportMode,
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): PriceImportPlan {
  const plan: PriceImportPlan = { add: [], change: [], unchanged: 0, withdraw: [], rowErrors: new Map() };
  const fail = (row: number, error: string) => plan.rowErrors.set(row, [...(plan.rowErrors.get(row) ?? []), error]);
  const existingByArticle = groupBy(existing, (e) => e.articleId);
  for (const [articleId, rows] of groupBy(candidates, (c) => c.articleId)) {
    const mine = existingByArticle.get(articleId) ?? [];
    const matched = new Set<number>();
    const planned: Planned[] = rows.map((row) => {
      const match = mine.find((e) => !matched.has(e.id) && e.validFrom.getTime() === row.validFrom.getTime());
      if (!match) return { ...row, kind: 'add' };
      matched.add(match.id);
      if (match.priceCents === row.priceCents && sameEnd(match.validUntil, row.validUntil)) return { ...row, kind: 'unchanged', matchId: match.id };
      if (!canDeleteWindow(match, now))
        fail(row.row, `${row.sku}: the override for ${describeWindow(match, timeZone)} has ended; past prices stay on record and cannot be changed`);
      return { ...row, kind: 'change', matchId: match.id };
    });
    const leftOut = mine.filter((e) => !matched.has(e.id));
    const withdrawn = mode === 'replace' ? leftOut.filter((e) => canDeleteWindow(e, now)) : [];
    const kept = leftOut.filter((e) => !withdrawn.includes(e));
    planned.forEach((row, i) => {
      // Rows that only restate an override the shop already has are no news, even beside older overlaps.
      if (row.kind === 'unchanged') return;
      const clash = kept.find((e) => windowsOverlap(e, row));
      const sibling = planned.find((other, j) => j !== i && windowsOverlap(other, row) && (j < i || other.kind === 'unchanged'));
      if (clash) fail(row.row, overlapMessage(row.sku, clash, timeZone).replace(/\. Delete that.*$/, ''));
      else if (sibling) fail(row.row, `${row.sku}: this window overlaps row ${sibling.row} of the file (${describeWindow(sibling, timeZone)})`);
    });
    for (const row of planned) {
      if (row.kind === 'add') plan.add.push(row);
      else if (row.kind === 'change') plan.change.push({ id: row.matchId!, priceCents: row.priceCents, validUntil: row.validUntil });
      else plan.unchanged += 1;
    }
    plan.withdraw.push(...withdrawn);
  }
  return plan;
}
