import 'server-only';
import type { Transaction } from '@/db/client';
import { orderEvents, type Order } from '@/db/schema';

/**
 * The one way an entry reaches an order's timeline, in the caller's transaction (so it is written only
 * when the change it describes is).
 */
export async function recordOrderEvent(
  tx: Transaction,
  order: Pick<Order, 'tenantId' | 'id'>,
  type: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(orderEvents).values({ tenantId: order.tenantId, orderId: order.id, type, details });
}
