import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Transaction } from '@/db/client';
import {
  cartItems,
  carts,
  couponRedemptions,
  customerAddresses,
  loyaltyLedger,
  orderCounters,
  orderLines,
  orders,
  outbox,
  type Customer,
  type Order,
  type Tenant,
} from '@/db/schema';
import { normalizeCouponCode } from '@/lib/coupons/coupon-rules';
import { cartTotals, type CartLine } from '@/lib/cart/cart-lines';
import { loadCart } from '@/lib/cart/cart-service';
import { AppError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { singleLineText, WITHOUT_NUL } from '@/lib/forms/storable-text';
import { assertCanPlaceOrders } from '@/lib/registration/decide-registration';
import { loyaltyRatesOf } from '@/lib/loyalty/loyalty';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { priceCheckout } from './checkout-pricing';
import { recordOrderEvent } from './order-timeline';
import { vatTreatmentFor } from './vat-treatment';

export const placeOrderSchema = z.object({
  addressId: z.string().uuid('Choose a delivery address.'),
  paymentMethod: z.enum(['invoice', 'card'], { error: 'Choose how to pay.' }),
  customerReference: singleLineText()
    .max(60, 'Keep your reference under 60 characters.')
    .optional()
    .transform((v) => v || null),
  idempotencyKey: z.string().min(16).max(100).regex(WITHOUT_NUL),
  couponCode: singleLineText()
    .max(40)
    .optional()
    .transform((v) => v || null),
  usePoints: z.preprocess((v) => v === 'on' || v === '1' || v === true, z.boolean()).optional(),
});

/** Payment methods at this shop: card everywhere, invoice as well for the business customers of B2B shops. */
export function paymentMethodsFor(tenant: Pick<Tenant, 'salesMode'>): Array<'invoice' | 'card'> {
  return tenant.salesMode === 'b2b' ? ['invoice', 'card'] : ['card'];
}

function invalid(message: string, fieldErrors: Record<string, string> = {}): AppError {
  return new AppError('VALIDATION_FAILED', message, { details: { fieldErrors } });
}

const sameLines = (checked: CartLine[], stored: { id: string; quantity: number; confirmedUnitPriceCents: number }[]) =>
  checked.length === stored.length &&
  checked.every((line) => stored.some((s) => s.id === line.itemId && s.quantity === line.quantity && s.confirmedUnitPriceCents === line.unitPriceCents));

async function nextOrderNumber(tx: Transaction, tenantId: string): Promise<number> {
  const [row] = await tx
    .insert(orderCounters)
    .values({ tenantId, lastNumber: 1 })
    .onConflictDoUpdate({ target: orderCounters.tenantId, set: { lastNumber: sql`${orderCounters.lastNumber} + 1` } })
    .returning({ n: orderCounters.lastNumber });
  return row!.n;
}

/**
 * Turns the customer's cart into an order. The cart is re-checked against the catalog first (hidden,
 * repriced or out-of-stock lines stop checkout); then one transaction in the tenant's database writes
 * the order, its line snapshots, the first timeline entry and an outbox row, and empties the cart.
 * The same idempotency key always yields the same single order.
 */
export async function placeOrder(tenant: Tenant, customer: Customer, input: unknown, now = new Date()): Promise<Order> {
  assertCanPlaceOrders(customer, now);
  const parsed = placeOrderSchema.safeParse(input);
  if (!parsed.success) throw invalid('Please check your order details.', fieldErrorsOf(parsed.error));
  const form = parsed.data;
  if (!paymentMethodsFor(tenant).includes(form.paymentMethod)) {
    throw invalid('This payment method is not available for your account.', { paymentMethod: 'Not available' });
  }
  const existing = await withTenant(tenant.id, (tx) => tx.select().from(orders).where(eq(orders.idempotencyKey, form.idempotencyKey)));
  if (existing[0]) return existing[0];
  // The catalog lives in the platform database: checked before, not inside, the tenant transaction.
  const cart = await loadCart(tenant, customer);
  if (cart.lines.length === 0) throw invalid('Your cart is empty.');
  if (!cart.readyForCheckout) throw new AppError('CONFLICT', 'Some lines in your cart need your attention before you can order.');

  return withTenant(tenant.id, async (tx) => {
    const [address] = await tx
      .select()
      .from(customerAddresses)
      .where(and(eq(customerAddresses.id, form.addressId), eq(customerAddresses.customerId, customer.id)));
    if (!address) throw invalid('Choose one of your delivery addresses.', { addressId: 'Unknown address' });
    // Lock the cart first: a second checkout of the same cart waits here, then finds it empty.
    await tx.select({ id: carts.id }).from(carts).where(eq(carts.customerId, customer.id)).for('update');
    const stored = await tx
      .select({ id: cartItems.id, quantity: cartItems.quantity, confirmedUnitPriceCents: cartItems.confirmedUnitPriceCents })
      .from(cartItems)
      .innerJoin(carts, eq(carts.id, cartItems.cartId))
      .where(eq(carts.customerId, customer.id));
    if (!sameLines(cart.lines, stored)) {
      // The cart may have been emptied by a double submit that committed in the meantime: its order wins.
      const [winner] = await tx.select().from(orders).where(eq(orders.idempotencyKey, form.idempotencyKey));
      if (winner) return winner;
      throw new AppError('CONFLICT', 'Your cart changed while you were checking out. Review it and try again.');
    }

    const treatment = vatTreatmentFor(tenant, customer, address.countryCode);
    const price = { salesMode: tenant.salesMode, vatRateBp: treatment === 'reverse_charge' ? 0 : tenant.vatRateBp, currency: tenant.currency };
    const pricing = await priceCheckout(tx, {
      customerId: customer.id,
      baseTotals: cartTotals(cart.lines, price),
      price,
      loyalty: loyaltyRatesOf(tenant),
      couponCode: form.couponCode,
      usePoints: Boolean(form.usePoints),
      now,
      lock: true,
    });
    if (pricing.couponError) throw invalid(pricing.couponError, { couponCode: pricing.couponError });
    const { totals, coupon, pointsUsed: pointsRedeemed } = pricing;
    const couponId = coupon?.id ?? null;
    const [order] = await tx
      .insert(orders)
      .values({
        tenantId: tenant.id,
        customerId: customer.id,
        number: await nextOrderNumber(tx, tenant.id),
        // Discounts may cover everything: then there is nothing to pay.
        status: totals.grossCents === 0 ? 'paid' : 'awaiting_payment',
        paymentMethod: form.paymentMethod,
        vatTreatment: treatment,
        vatRateBp: price.vatRateBp,
        currency: tenant.currency,
        netCents: totals.netCents,
        vatCents: totals.vatCents,
        grossCents: totals.grossCents,
        shippingAddress: {
          recipient: address.recipient,
          line1: address.line1,
          line2: address.line2,
          postalCode: address.postalCode,
          city: address.city,
          countryCode: address.countryCode,
        },
        customerReference: form.customerReference,
        couponCode: form.couponCode ? normalizeCouponCode(form.couponCode) : null,
        discountNetCents: totals.discountNetCents,
        loyaltyPointsRedeemed: pointsRedeemed,
        idempotencyKey: form.idempotencyKey,
        placedAt: now,
      })
      .onConflictDoNothing({ target: [orders.tenantId, orders.idempotencyKey] })
      .returning();
    if (!order) {
      // A concurrent submit with the same key won the race: its order is the order.
      const [winner] = await tx.select().from(orders).where(eq(orders.idempotencyKey, form.idempotencyKey));
      return winner!;
    }
    await tx.insert(orderLines).values(
      cart.lines.map((line) => ({
        tenantId: tenant.id,
        orderId: order.id,
        articleId: line.articleId,
        sku: line.article!.sku,
        name: line.article!.name,
        quantity: line.quantity,
        unitNetCents: line.unitPriceCents!,
        lineNetCents: line.lineNetCents,
      })),
    );
    if (pointsRedeemed > 0) {
      await tx.insert(loyaltyLedger).values({ tenantId: tenant.id, customerId: customer.id, orderId: order.id, reason: 'redeemed', points: -pointsRedeemed });
    }
    if (couponId) {
      await tx
        .insert(couponRedemptions)
        .values({ tenantId: tenant.id, couponId, customerId: customer.id, orderId: order.id, discountNetCents: totals.discountNetCents });
    }
    await recordOrderEvent(tx, order, 'placed', { paymentMethod: order.paymentMethod, grossCents: order.grossCents });
    await tx.insert(outbox).values({
      tenantId: tenant.id,
      eventId: `order-placed:${order.id}`,
      eventName: 'shop/order.placed',
      payload: {
        tenantId: tenant.id,
        orderId: order.id,
        number: order.number,
        paymentMethod: order.paymentMethod,
        grossCents: order.grossCents,
        currency: order.currency,
        plan: tenant.plan,
      },
    });
    await tx.delete(cartItems).where(sql`${cartItems.cartId} in (select id from carts where customer_id = ${customer.id})`);
    // The coupon and points belonged to this cart: the next cart starts without them.
    await tx.update(carts).set({ couponCode: null, useLoyaltyPoints: false }).where(eq(carts.customerId, customer.id));
    return order;
  });
}
