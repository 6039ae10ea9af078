import 'server-only';
import { count, desc, eq, sql } from 'drizzle-orm';
import { auditLog, customers, orders, type AuditEntry, type Customer, type Order } from '@/db/schema';
import { isUuid } from '@/lib/ids';
import { withTenant } from '@/lib/tenancy/with-tenant';

const CUSTOMER_ORDERS_SHOWN = 50;
const HISTORY_SHOWN = 20;

export interface CustomerDetail {
  customer: Customer;
  orders: Pick<Order, 'id' | 'number' | 'status' | 'placedAt' | 'grossCents' | 'currency'>[];
  orderCount: number;
  /** What staff decided about this account, newest first. */
  history: Pick<AuditEntry, 'id' | 'actor' | 'action' | 'details' | 'createdAt'>[];
}

/** One customer of this shop with their latest orders and decisions; null for an id the shop does not have. */
export async function getCustomerDetail(tenantId: string, customerId: string): Promise<CustomerDetail | null> {
  if (!isUuid(customerId)) return null;
  return withTenant(tenantId, async (tx) => {
    const [customer] = await tx.select().from(customers).where(eq(customers.id, customerId));
    if (!customer) return null;
    const [orderRows, [total], history] = await Promise.all([
      tx
        .select({
          id: orders.id,
          number: orders.number,
          status: orders.status,
          placedAt: orders.placedAt,
          grossCents: orders.grossCents,
          currency: orders.currency,
        })
        .from(orders)
        .where(eq(orders.customerId, customerId))
        .orderBy(desc(orders.placedAt))
        .limit(CUSTOMER_ORDERS_SHOWN),
      tx.select({ n: count() }).from(orders).where(eq(orders.customerId, customerId)),
      tx
        .select({ id: auditLog.id, actor: auditLog.actor, action: auditLog.action, details: auditLog.details, createdAt: auditLog.createdAt })
        .from(auditLog)
        .where(sql`${auditLog.details}->>'customerId' = ${customerId}`)
        .orderBy(desc(auditLog.createdAt))
        .limit(HISTORY_SHOWN),
    ]);
    return { customer, orders: orderRows, orderCount: total?.n ?? 0, history };
  });
}
