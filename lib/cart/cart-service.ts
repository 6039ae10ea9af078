import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { platformDb } from '@/db/connection-registry';
import { cartItems, carts, type Customer, type Tenant } from '@/db/schema';
import { getVisibleArticlesByIds } from '@/lib/catalog/get-visible-articles-by-ids';
import { getTenantCatalogContext } from '@/lib/catalog/tenant-catalog-context';
import { AppError } from '@/lib/errors';
import { isSerialId, isUuid } from '@/lib/ids';
import { applyCustomerMargin } from '@/lib/pricing/customer-margin';
import { assertCanPlaceOrders } from '@/lib/registration/decide-registration';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { cartIsReadyForCheckout, cartTotals, priceCartLines, type CartLine, type CartTotals } from './cart-lines';

export const MAX_QUANTITY = 999;

async function visibleArticles(tenant: Tenant, ids: number[]) {
  const db = await platformDb();
  const { rules } = await getTenantCatalogContext(db, tenant.id);
  return getVisibleArticlesByIds(db, { tenantId: tenant.id, rules }, ids);
}

async function cartIdFor(tx: Transaction, tenantId: string, customerId: string): Promise<string> {
  const [row] = await tx
    .insert(carts)
    .values({ tenantId, customerId })
    .onConflictDoUpdate({ target: [carts.tenantId, carts.customerId], set: { updatedAt: sql`now()` } })
    .returning({ id: carts.id });
  if (!row) throw new Error('cart upsert returned no row');
  return row.id;
}

function assertQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw new AppError('VALIDATION_FAILED', `Choose a quantity from 1 to ${MAX_QUANTITY}.`, { details: { fieldErrors: { quantity: 'Invalid quantity' } } });
  }
}

/**
 * Adds an article to the customer's cart. Refused on the server for accounts that may not order,
 * for articles the shop does not show, and beyond the stock; the price the customer saw is confirmed.
 */
export async function addToCart(tenant: Tenant, customer: Customer, articleId: number, quantity: number, now = new Date()): Promise<void> {
  assertCanPlaceOrders(customer, now);
  assertQuantity(quantity);
  // A forged or mangled id is simply not a product of this shop (an integer column would throw on it).
  const article = isSerialId(articleId) ? (await visibleArticles(tenant, [articleId])).get(articleId) : undefined;
  if (!article) throw new AppError('NOT_VISIBLE', 'This product is not available in this shop.');
  const unit = applyCustomerMargin(article.netPriceCents, customer.marginBp);
  await withTenant(tenant.id, async (tx) => {
    const cartId = await cartIdFor(tx, tenant.id, customer.id);
    const [existing] = await tx
      .select({ quantity: cartItems.quantity })
      .from(cartItems)
      .where(and(eq(cartItems.cartId, cartId), eq(cartItems.articleId, articleId)));
    const total = (existing?.quantity ?? 0) + quantity;
    if (total > article.stock) {
      throw new AppError('VALIDATION_FAILED', article.stock === 0 ? 'This product is out of stock.' : `Only ${article.stock} in stock.`, {
        details: { fieldErrors: { quantity: `Only ${article.stock} in stock` } },
      });
    }
    assertQuantity(total);
    await tx
      .insert(cartItems)
      .values({ tenantId: tenant.id, cartId, articleId, quantity, confirmedUnitPriceCents: unit })
      .onConflictDoUpdate({
        target: [cartItems.tenantId, cartItems.cartId, cartItems.articleId],
        set: { quantity: total, confirmedUnitPriceCents: unit, updatedAt: now },
      });
  });
}

/**
 * Sets a line's quantity (0 removes it). Like adding, this confirms the current price. The catalog is
 * read outside the tenant transaction: with the embedded database both share one connection.
 */
export async function setCartQuantity(tenant: Tenant, customer: Customer, itemId: string, quantity: number, now = new Date()): Promise<void> {
  assertCanPlaceOrders(customer, now);
  if (quantity === 0) return removeFromCart(tenant, customer, itemId);
  assertQuantity(quantity);
  // Line ids come from the cart form; the uuid column would throw on anything else.
  if (!isUuid(itemId)) throw new AppError('NOT_FOUND', 'This line is no longer in your cart.');
  const item = await withTenant(tenant.id, async (tx) => {
    const cartId = await cartIdFor(tx, tenant.id, customer.id);
    const [row] = await tx
      .select()
      .from(cartItems)
      .where(and(eq(cartItems.id, itemId), eq(cartItems.cartId, cartId)));
    return row;
  });
  if (!item) throw new AppError('NOT_FOUND', 'This line is no longer in your cart.');
  const article = (await visibleArticles(tenant, [item.articleId])).get(item.articleId);
  if (!article) throw new AppError('NOT_VISIBLE', 'This product is no longer available; remove it from your cart.');
  if (quantity > article.stock) throw new AppError('VALIDATION_FAILED', `Only ${article.stock} in stock.`);
  const unit = applyCustomerMargin(article.netPriceCents, customer.marginBp);
  await withTenant(tenant.id, (tx) =>
    tx
      .update(cartItems)
      .set({ quantity, confirmedUnitPriceCents: unit, updatedAt: now })
      .where(and(eq(cartItems.id, item.id), eq(cartItems.cartId, item.cartId))),
  );
}

export async function removeFromCart(tenant: Tenant, customer: Customer, itemId: string): Promise<void> {
  if (!isUuid(itemId)) return;
  await withTenant(tenant.id, async (tx) => {
    const cartId = await cartIdFor(tx, tenant.id, customer.id);
    await tx.delete(cartItems).where(and(eq(cartItems.id, itemId), eq(cartItems.cartId, cartId)));
  });
}

export interface CartView {
  lines: CartLine[];
  totals: CartTotals;
  readyForCheckout: boolean;
  itemCount: number;
}

/** The cart as it stands now: every line re-checked for visibility, price and stock. */
export async function loadCart(tenant: Tenant, customer: Customer): Promise<CartView> {
  const items = await withTenant(tenant.id, (tx) =>
    tx
      .select({ id: cartItems.id, articleId: cartItems.articleId, quantity: cartItems.quantity, confirmedUnitPriceCents: cartItems.confirmedUnitPriceCents })
      .from(cartItems)
      .innerJoin(carts, eq(carts.id, cartItems.cartId))
      .where(eq(carts.customerId, customer.id))
      .orderBy(asc(cartItems.addedAt)),
  );
  const visible = await visibleArticles(
    tenant,
    items.map((i) => i.articleId),
  );
  const lines = priceCartLines(items, visible, customer.marginBp);
  const price = { salesMode: tenant.salesMode, vatRateBp: tenant.vatRateBp, currency: tenant.currency };
  return {
    lines,
    totals: cartTotals(lines, price),
    readyForCheckout: cartIsReadyForCheckout(lines),
    itemCount: items.reduce((n, i) => n + i.quantity, 0),
  };
}
