import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCsvDate, centsToDecimal, parseEuroCents, parseShopDate } from './price-input';
import { planPriceImport, type ExistingOverride, type ImportCandidate } from './price-import-plan';

const DAY_MS = 86_400_000;
const now = new Date('2026-06-15T10:00:00Z');

/** One article's overrides as the dashboard keeps them: consecutive, non-overlapping windows, the last maybe open. */
const articleWindows = (articleId: number) =>
  fc
    .record({
      start: fc.integer({ min: -400, max: 400 }),
      spans: fc.array(
        fc.record({ gap: fc.integer({ min: 0, max: 30 }), length: fc.integer({ min: 1, max: 90 }), cents: fc.integer({ min: 1, max: 10_000_000 }) }),
        { minLength: 1, maxLength: 5 },
      ),
      openEnded: fc.boolean(),
    })
    .map(({ start, spans, openEnded }) => {
      let day = start;
      return spans.map((span, i): Omit<ExistingOverride, 'id'> => {
        const from = day + span.gap;
        day = from + span.length;
        const last = i === spans.length - 1;
        return {
          articleId,
          priceCents: span.cents,
          validFrom: new Date(now.getTime() + from * DAY_MS),
          validUntil: last && openEnded ? null : new Date(now.getTime() + day * DAY_MS),
        };
      });
    });

const shop = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 })
  .chain((ids) => fc.tuple(...[...new Set(ids)].map(articleWindows)))
  .map((perArticle) => perArticle.flat().map((w, i) => ({ ...w, id: i + 1 })));

/** What the export writes and the import reads back, cell by cell. */
function throughTheFile(existing: ExistingOverride[]): ImportCandidate[] {
  return existing.map((e, i) => {
    const from = parseShopDate(formatCsvDate(e.validFrom), 'valid_from');
    const until = e.validUntil ? parseShopDate(formatCsvDate(e.validUntil), 'valid_until') : ({ ok: true, value: null } as const);
    const price = parseEuroCents(centsToDecimal(e.priceCents));
    if (!from.ok || !until.ok || !price.ok) throw new Error('the export wrote what the import cannot read');
    return { row: i + 2, sku: `SKU-${e.articleId}`, articleId: e.articleId, priceCents: price.value, validFrom: from.value, validUntil: until.value };
  });
}

describe('planPriceImport: an export imports back as it is', () => {
  it('in either mode, every row is unchanged: nothing added, changed, withdrawn or refused', () => {
    fc.assert(
      fc.property(shop, fc.constantFrom('add' as const, 'replace' as const), (existing, mode) => {
        const plan = planPriceImport(throughTheFile(existing), existing, mode, now);
        expect(plan.rowErrors.size).toBe(0);
        expect(plan).toMatchObject({ add: [], change: [], withdraw: [], unchanged: existing.length });
      }),
    );
  });

  it('one edited price of a current or future override is exactly one change', () => {
    fc.assert(
      fc.property(shop, fc.nat(), fc.constantFrom('add' as const, 'replace' as const), (existing, pick, mode) => {
        const editable = existing.filter((e) => e.validUntil === null || e.validUntil > now);
        fc.pre(editable.length > 0);
        const target = editable[pick % editable.length]!;
        const rows = throughTheFile(existing).map((row, i) => (existing[i] === target ? { ...row, priceCents: (row.priceCents % 9_999_999) + 1 } : row));
        const plan = planPriceImport(rows, existing, mode, now);
        expect(plan.rowErrors.size).toBe(0);
        expect(plan.change).toEqual([{ id: target.id, priceCents: (target.priceCents % 9_999_999) + 1, validUntil: target.validUntil }]);
        expect(plan).toMatchObject({ add: [], withdraw: [], unchanged: existing.length - 1 });
      }),
    );
  });
});
