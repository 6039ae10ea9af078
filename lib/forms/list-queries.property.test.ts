import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectStorableText, hostileString } from '@/tests/support/hostile-input';
import { customerStatusFilters, parseCustomerListQuery } from '@/lib/customers/customer-list';
import { ORDER_STATUSES } from '@/lib/orders/order-status';
import { orderFiltersToSearch, parseOrderFilters, type OrderFilters } from '@/lib/orders/order-filters';
import { parsePriceListQuery } from '@/lib/pricing/price-search';

/** A query string as Next.js hands it over: each key absent, one value or repeated. */
function searchParams(keys: readonly string[], value: fc.Arbitrary<string> = hostileString) {
  const entry = fc.oneof(value, fc.array(value, { maxLength: 3 }));
  return fc.record(Object.fromEntries(keys.map((key) => [key, entry])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, string | string[]>>;
}

/** What URLSearchParams gives back, in the shape Next.js passes to a page. */
function fromSearch(search: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const seen = params[key];
    params[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return params;
}

const isCalendarDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const probe = new Date(0);
  probe.setUTCFullYear(y, m - 1, d); // Date.UTC would read years below 100 as 19xx
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
};

describe('parseOrderFilters: properties', () => {
  const keys = ['status', 'method', 'q', 'from', 'to', 'page'] as const;
  const dayish = fc.oneof(
    hostileString,
    fc
      .record({ y: fc.integer({ min: 0, max: 9999 }), m: fc.integer({ min: 0, max: 13 }), d: fc.integer({ min: 0, max: 32 }) })
      .map(({ y, m, d }) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  );

  it('never fails the page; every kept value is one the order list can put in its query', () => {
    fc.assert(
      fc.property(fc.oneof(searchParams(keys), searchParams(['from', 'to', 'page'], dayish)), (params) => {
        const filters = parseOrderFilters(params);
        if (filters.status !== undefined) expect(ORDER_STATUSES).toContain(filters.status);
        if (filters.method !== undefined) expect(['card', 'invoice']).toContain(filters.method);
        if (filters.q !== undefined) {
          expect(filters.q).toBe(filters.q.trim());
          expect(filters.q.length).toBeGreaterThan(0);
          expect(filters.q.length).toBeLessThanOrEqual(100);
          expectStorableText(filters.q);
        }
        // Days go into `::date` in PostgreSQL: a day that is not in the calendar fails the query.
        for (const day of [filters.from, filters.to]) {
          if (day === undefined) continue;
          expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(isCalendarDay(day)).toBe(true);
          expect(Number(day.slice(0, 4))).toBeGreaterThanOrEqual(1);
        }
        expect(Number.isSafeInteger(filters.page) && filters.page >= 1 && filters.page <= 100_000).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips every filter through its URL', () => {
    const day = fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const filters: fc.Arbitrary<OrderFilters> = fc.record(
      {
        status: fc.constantFrom(...ORDER_STATUSES),
        method: fc.constantFrom('card' as const, 'invoice' as const),
        q: fc.string({ minLength: 1, maxLength: 100 }).filter((s) => s.trim() === s && s !== '' && !s.includes('\u0000')),
        from: day,
        to: day,
        page: fc.integer({ min: 1, max: 100_000 }),
      },
      { requiredKeys: ['page'] },
    );
    fc.assert(
      fc.property(filters, (original) => {
        expect(parseOrderFilters(fromSearch(orderFiltersToSearch(original)))).toEqual(original);
      }),
      { numRuns: 300 },
    );
  });

  it('drops a day that is not in the calendar', () => {
    for (const day of ['2026-02-30', '2026-04-31', '0000-01-01', '2026-00-10']) {
      expect(parseOrderFilters({ from: day, to: day })).toEqual({ page: 1 });
    }
  });
});

describe('parseCustomerListQuery: properties', () => {
  it('never fails the page; values fall back to the defaults', () => {
    fc.assert(
      fc.property(searchParams(['q', 'status', 'page']), (params) => {
        const query = parseCustomerListQuery(params);
        expect(query.q).toBe(query.q.trim());
        expect(query.q.length).toBeLessThanOrEqual(100);
        expectStorableText(query.q);
        expect(customerStatusFilters).toContain(query.status);
        expect(Number.isSafeInteger(query.page) && query.page >= 1 && query.page <= 10_000).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('parsePriceListQuery: properties', () => {
  it('never fails the page; an article id fits the integer column', () => {
    const articleish = fc.oneof(
      hostileString,
      fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n }).map(String),
      fc.constantFrom('1e3', '0x10', ' 7 ', '2147483648'),
    );
    fc.assert(
      fc.property(searchParams(['q']), fc.option(fc.oneof(articleish, fc.array(articleish, { maxLength: 2 })), { nil: undefined }), (params, article) => {
        const query = parsePriceListQuery({ ...params, article });
        expect(query.q.length).toBeLessThanOrEqual(100);
        expectStorableText(query.q);
        if (query.article !== undefined) expect(Number.isSafeInteger(query.article) && query.article >= 1 && query.article <= 2_147_483_647).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('dashboard list queries: regressions', () => {
  it('drops ?q=%00 from the order, customer and price lists', () => {
    expect(parseOrderFilters({ q: '\u0000' }).q).toBeUndefined();
    expect(parseCustomerListQuery({ q: ['\u0000'] }).q).toBe('');
    expect(parsePriceListQuery({ q: '\u0000' }).q).toBe('');
  });
});
