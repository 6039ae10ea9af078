import { z } from 'zod';
import { WITHOUT_NUL } from '@/lib/forms/storable-text';
import { ORDER_STATUSES, type OrderStatus } from '@/lib/orders/order-status';

export const DASHBOARD_ORDERS_PAGE_SIZE = 25;

// A day PostgreSQL's ::date reads: in the calendar (Date.parse rolls 02-30 over) and after year 0.
const isoDay = z.iso.date().refine((d) => !d.startsWith('0000-'));

// Anything a URL may carry: an unknown or malformed value is dropped, never an error page.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (Array.isArray(v) ? v[0] : v), schema.optional().catch(undefined));

const orderFiltersSchema = z.object({
  status: optional(z.enum(ORDER_STATUSES)),
  method: optional(z.enum(['card', 'invoice'])),
  q: optional(
    z
      .string()
      .regex(WITHOUT_NUL)
      .trim()
      .max(100)
      .transform((s) => s || undefined),
  ),
  from: optional(isoDay),
  to: optional(isoDay),
  page: optional(z.coerce.number().int().min(1).max(100_000)),
});

export interface OrderFilters {
  status?: OrderStatus;
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
