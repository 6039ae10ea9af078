import { z } from 'zod';

export const ORDER_STATUSES = ['awaiting_payment', 'paid', 'fulfilling', 'fulfilled', 'cancelled', 'refunded'] as const;
export type OrderStatusValue = (typeof ORDER_STATUSES)[number];

export const DASHBOARD_ORDERS_PAGE_SIZE = 25;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)));

// Anything a URL may carry: an unknown or malformed value is dropped, never an error page.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (Array.isArray(v) ? v[0] : v), schema.optional().catch(undefined));

export const orderFiltersSchema = z.object({
  status: optional(z.enum(ORDER_STATUSES)),
  method: optional(z.enum(['card', 'invoice'])),
  q: optional(z.string().trim().max(100).transform((s) => s || undefined)),
  from: optional(isoDay),
  to: optional(isoDay),
  page: optional(z.coerce.number().int().min(1).max(100_000)),
});

export interface OrderFilters {
  status?: OrderStatusValue;
  method?: 'card' | 'invoice';
  /** Order number, customer name, company, email or the buyer's reference. */
  q?: string;
  /** Days in the shop's time zone, both included. */
  from?: string;
  to?: string;
  page: number;
}

export function parseOrderFilters(searchParams: Record<string, string | string[] | undefined>): OrderFilters {
  const parsed = orderFiltersSchema.parse(searchParams);
  return { ...parsed, page: parsed.page ?? 1 };
}

/** The list's URL for these filters; empty values are left out, page 1 too. */
export function orderFiltersToSearch(filters: Partial<OrderFilters>): string {
  const params = new URLSearchParams();
  for (const key of ['status', 'method', 'q', 'from', 'to'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.page && filters.page > 1) params.set('page', String(filters.page));
  const search = params.toString();
  return search ? `?${search}` : '';
}
