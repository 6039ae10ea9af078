import 'server-only';
import { eq, sql, type SQL } from 'drizzle-orm';
import { cartItems, carts } from '@/db/schema';

/**
 * Units in the customer's cart, for the header: a sub-select, so that it rides along with the statement
 * that reads the customer (one round trip for both). Row-level security scopes it like that statement.
 */
export function cartUnitsSql(customerId: SQL | string): SQL<number> {
  return sql<number>`(select coalesce(sum(${cartItems.quantity}), 0) from ${cartItems}
    inner join ${carts} on ${eq(carts.id, cartItems.cartId)} where ${carts.customerId} = ${customerId})`.mapWith(Number);
}
