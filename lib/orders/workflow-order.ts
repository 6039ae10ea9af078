import 'server-only';
import { eq } from 'drizzle-orm';
import { orders, type Order, type Tenant } from '@/db/schema';
import { getTenantById } from '@/lib/tenancy/tenant-directory';
import { awaitsCardPayment } from './order-status';
import { withTenant } from '@/lib/tenancy/with-tenant';

/** The shop a workflow event names; a job for a shop that no longer exists cannot go on. */
export async function tenantForJob(tenantId: string): Promise<Tenant> {
  const tenant = await getTenantById(tenantId);
  if (!tenant) throw new Error(`Tenant ${tenantId} does not exist`);
  return tenant;
}

export interface WorkflowOrderFacts {
  status: string;
  paymentMethod: 'card' | 'invoice';
  /** A card order still waiting for its money: the workflow waits for the payment event. */
  needsPayment: boolean;
  /** Paid (or to be paid) by card: the buyer hears when the money arrived, even if it beat the workflow. */
  paidByCard: boolean;
  timeoutMinutes: number;
  /** When an unpaid card order is cancelled, as told to the buyer. */
  paymentDueBy: string | null;
}

/** What the workflow needs to know of an order when it starts, read inside the order's tenant only. */
export async function loadWorkflowOrder(tenantId: string, orderId: string): Promise<WorkflowOrderFacts | null> {
  const tenant = await tenantForJob(tenantId);
  const [order] = await withTenant(tenantId, (tx) =>
    tx
      .select({ status: orders.status, paymentMethod: orders.paymentMethod, grossCents: orders.grossCents, placedAt: orders.placedAt })
      .from(orders)
      .where(eq(orders.id, orderId)),
  );
  if (!order) return null;
  const needsPayment = awaitsCardPayment(order);
  const timeoutMinutes = tenant.paymentTimeoutMinutes;
  return {
    status: order.status,
    paymentMethod: order.paymentMethod,
    needsPayment,
    paidByCard: order.paymentMethod === 'card' && order.grossCents > 0,
    timeoutMinutes,
    paymentDueBy: needsPayment ? new Date(order.placedAt.getTime() + timeoutMinutes * 60_000).toISOString() : null,
  };
}

export async function orderStatus(tenantId: string, orderId: string): Promise<Order['status'] | null> {
  const [row] = await withTenant(tenantId, (tx) => tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)));
  return row?.status ?? null;
}

export async function loadOrder(tenantId: string, orderId: string): Promise<Order> {
  const [order] = await withTenant(tenantId, (tx) => tx.select().from(orders).where(eq(orders.id, orderId)));
  if (!order) throw new Error(`Order ${orderId} not found in tenant ${tenantId}`);
  return order;
}
