import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { cartItems, carts } from '@/db/schema';
import { withTenant } from '@/lib/tenancy/with-tenant';

/** Units in the customer's cart, for the header. One cheap query; no catalog lookups. */
export async function countCartItems(tenantId: string, customerId: string): Promise<number> {
  const [row] = await withTenant(tenantId, (tx) =>
    tx
      .select({ n: sql<number>`coalesce(sum(${cartItems.quantity}), 0)`.mapWith(Number) })
      .from(cartItems)
      .innerJoin(carts, eq(carts.id, cartItems.cartId))
      .where(eq(carts.customerId, customerId)),
  );
  return row?.n ?? 0;
}
