import 'server-only';
import { and, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { customers } from '@/db/schema';
import { WITHOUT_NUL } from '@/lib/forms/storable-text';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { containsPattern } from '@/db/like';

export const CUSTOMERS_PAGE_SIZE = 25;

export const customerStatusFilters = ['all', 'pending_approval', 'active', 'rejected'] as const;
export type CustomerStatusFilter = (typeof customerStatusFilters)[number];

/** The list's query string; anything malformed falls back to the default instead of failing the page. */
const customerListQuerySchema = z.object({
  q: z.string().regex(WITHOUT_NUL).trim().max(100).catch(''),
  status: z.enum(customerStatusFilters).catch('all'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;

export function parseCustomerListQuery(params: Record<string, string | string[] | undefined>): CustomerListQuery {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return customerListQuerySchema.parse({ q: first(params.q) ?? '', status: first(params.status) ?? 'all', page: first(params.page) ?? 1 });
}

export type CustomerListRow = Pick<
  typeof customers.$inferSelect,
  | 'id'
  | 'name'
  | 'email'
  | 'companyName'
  | 'vatNumber'
  | 'countryCode'
  | 'status'
  | 'approvalType'
  | 'approvalExpiresAt'
  | 'reviewReason'
  | 'marginBp'
  | 'createdAt'
>;

export interface CustomerList {
  rows: CustomerListRow[];
  /** Matches of the current search and status filter, over all pages. */
  total: number;
  /** Matches of the current search per status, so the filter shows what each tab would hold. */
  counts: Record<CustomerStatusFilter, number>;
  page: number;
  pageCount: number;
}

/**
 * Name, email and company match anywhere in the text; a VAT number matches with or without its spaces
 * and dots, as people copy them from invoices in either form.
 */
function searchCondition(q: string): SQL | undefined {
  if (q === '') return undefined;
  const pattern = containsPattern(q);
  const compactVat = q.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return or(
    ilike(customers.name, pattern),
    ilike(customers.email, pattern),
    ilike(customers.companyName, pattern),
    compactVat === '' ? undefined : sql`regexp_replace(upper(coalesce(${customers.vatNumber}, '')), '[^A-Z0-9]', '', 'g') like ${`%${compactVat}%`}`,
  );
}

/** One page of the shop's customers, newest first, inside the shop's own plane. */
export function listCustomers(tenantId: string, query: CustomerListQuery): Promise<CustomerList> {
  const search = searchCondition(query.q);
  const where = and(search, query.status === 'all' ? undefined : eq(customers.status, query.status));
  return withTenant(tenantId, async (tx) => {
    const [byStatus, rows] = await Promise.all([
      tx.select({ status: customers.status, n: count() }).from(customers).where(search).groupBy(customers.status),
      tx
        .select({
          id: customers.id,
          name: customers.name,
          email: customers.email,
          companyName: customers.companyName,
          vatNumber: customers.vatNumber,
          countryCode: customers.countryCode,
          status: customers.status,
          approvalType: customers.approvalType,
          approvalExpiresAt: customers.approvalExpiresAt,
          reviewReason: customers.reviewReason,
          marginBp: customers.marginBp,
          createdAt: customers.createdAt,
        })
        .from(customers)
        .where(where)
        .orderBy(desc(customers.createdAt), desc(customers.id))
        .limit(CUSTOMERS_PAGE_SIZE)
        .offset((query.page - 1) * CUSTOMERS_PAGE_SIZE),
    ]);
    const counts: Record<CustomerStatusFilter, number> = { all: 0, pending_approval: 0, active: 0, rejected: 0 };
    for (const { status, n } of byStatus) {
      counts[status] = n;
      counts.all += n;
    }
    const total = counts[query.status];
    return { rows, total, counts, page: query.page, pageCount: Math.max(1, Math.ceil(total / CUSTOMERS_PAGE_SIZE)) };
  });
}
