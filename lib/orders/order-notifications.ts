import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { platformDb } from '@/db/connection-registry';
import { customers, orderLines, orders, shipments, staffUsers, tenantMemberships, type Order, type OrderLine, type Tenant } from '@/db/schema';
import { sendTenantEmail } from '@/lib/email/send-tenant-email';
import type { TemplateInput, TemplateName } from '@/lib/email/templates';
import { formatMoney } from '@/lib/pricing/resolve-price';
import { displayDiscountCents, displayLineAmount, pricePresentationFor, salesModeOfOrder } from './price-presentation';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { tenantBaseUrl } from '@/lib/tenancy/tenant-url';

/**
 * The emails of an order's life, to the customer and to the shop's owners. Each has an idempotency key
 * derived from the order (and owner), so a workflow step that runs again sends nothing twice.
 */
type OwnerEvent = 'placed' | 'paid' | 'cancelled' | 'shipped' | 'refunded';

async function loadOrderContext(tenant: Tenant, orderId: string) {
  const found = await withTenant(tenant.id, async (tx) => {
    const [row] = await tx
      .select({ order: orders, customerName: customers.name, customerEmail: customers.email })
      .from(orders)
      .innerJoin(customers, eq(customers.id, orders.customerId))
      .where(eq(orders.id, orderId));
    return row;
  });
  if (!found) throw new Error(`Order ${orderId} not found for tenant ${tenant.id}`);
  const shopUrl = tenantBaseUrl(tenant);
  return { ...found, shopUrl, orderUrl: `${shopUrl}/account/orders/${found.order.number}` };
}

/** Owners of the shop, from the platform database. */
async function shopOwners(tenantId: string) {
  const db = await platformDb();
  return db
    .select({ id: staffUsers.id, email: staffUsers.email })
    .from(tenantMemberships)
    .innerJoin(staffUsers, eq(staffUsers.id, tenantMemberships.staffUserId))
    .where(and(eq(tenantMemberships.tenantId, tenantId), eq(tenantMemberships.role, 'owner')));
}

async function notifyOwners(tenant: Tenant, context: OrderContext, event: OwnerEvent, detail: string | null = null) {
  const { order } = context;
  for (const owner of await shopOwners(tenant.id)) {
    await sendTenantEmail(tenant, {
      template: 'owner-order-notification',
      to: owner.email,
      shopUrl: context.shopUrl,
      idempotencyKey: `owner-${event}:${order.id}:${owner.id}`,
      props: {
        orderNumber: String(order.number),
        customerName: context.customerName,
        customerEmail: context.customerEmail,
        event,
        amount: formatMoney(order.grossCents, order.currency),
        dashboardUrl: `${context.shopUrl}/dashboard/orders/${order.number}`,
        detail,
      },
    });
  }
}

type OrderContext = Awaited<ReturnType<typeof loadOrderContext>>;
type OrderEmailBasics = 'customerName' | 'orderNumber' | 'orderUrl';

/** One email about the order to its customer; the greeting, order number and link are always the same. */
async function emailCustomer<N extends TemplateName>(
  tenant: Tenant,
  context: OrderContext,
  template: N,
  idempotencyKey: string,
  props: Omit<TemplateInput<N>, OrderEmailBasics>,
): Promise<void> {
  const basics = { customerName: context.customerName, orderNumber: String(context.order.number), orderUrl: context.orderUrl };
  await sendTenantEmail(tenant, {
    template,
    to: context.customerEmail,
    shopUrl: context.shopUrl,
    idempotencyKey,
    props: { ...basics, ...props } as unknown as TemplateInput<N>,
  });
}

/** The order as it was sold: a consumer's lines and discount incl. VAT, a business's net (see price-presentation). */
function orderFigures(tenant: Tenant, order: Order, lines: OrderLine[]) {
  const money = (cents: number) => formatMoney(cents, order.currency);
  const price = { salesMode: salesModeOfOrder(order), vatRateBp: order.vatRateBp ?? tenant.vatRateBp, currency: order.currency };
  const lineCents = lines.map((l) => displayLineAmount(l, price));
  const discountCents = displayDiscountCents(price, {
    displayLinesCents: lineCents.reduce((a, b) => a + b, 0),
    grossCents: order.grossCents,
    discountNetCents: order.discountNetCents,
  });
  return {
    lines: lines.map((l, i) => ({ name: l.name, sku: l.sku, quantity: l.quantity, lineTotal: money(lineCents[i]!) })),
    totals: {
      net: money(order.netCents),
      vat: money(order.vatCents),
      gross: money(order.grossCents),
      discount: discountCents > 0 ? money(discountCents) + pricePresentationFor(price.salesMode).discountSuffix : null,
      pricesIncludeVat: pricePresentationFor(price.salesMode).includesVat,
      vatNote: order.vatTreatment === 'reverse_charge' ? 'VAT reverse-charged (Art. 196 VAT Directive)' : null,
    },
  };
}

export async function sendOrderConfirmation(tenant: Tenant, orderId: string, paymentDueBy: Date | null): Promise<void> {
  const context = await loadOrderContext(tenant, orderId);
  const { order } = context;
  const lines = await withTenant(tenant.id, (tx) => tx.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.name)));
  await emailCustomer(tenant, context, 'order-confirmation', `order-confirmation:${order.id}`, {
    ...orderFigures(tenant, order, lines),
    paymentMethod: order.paymentMethod,
    paymentDueBy,
    shippingAddress: order.shippingAddress,
  });
  await notifyOwners(tenant, context, 'placed');
}

export async function sendPaymentReceived(tenant: Tenant, orderId: string): Promise<void> {
  const context = await loadOrderContext(tenant, orderId);
  const { order } = context;
  await emailCustomer(tenant, context, 'payment-received', `payment-received:${order.id}`, { amount: formatMoney(order.grossCents, order.currency) });
  await notifyOwners(tenant, context, 'paid');
}

const ownerCancelDetail = {
  payment_timeout: (minutes: number | null) => `No payment within ${minutes} minutes.`,
  fulfilment_failed: () => 'The warehouse could not ship the order.',
  cancelled_by_shop: () => 'Cancelled in the dashboard.',
};

export async function sendOrderCancelled(
  tenant: Tenant,
  orderId: string,
  reason: 'payment_timeout' | 'fulfilment_failed' | 'cancelled_by_shop',
  timeoutMinutes: number | null,
): Promise<void> {
  const context = await loadOrderContext(tenant, orderId);
  const { order } = context;
  await emailCustomer(tenant, context, 'order-cancelled', `order-cancelled:${order.id}`, { reason, timeoutMinutes, shopUrl: context.shopUrl });
  await notifyOwners(tenant, context, 'cancelled', ownerCancelDetail[reason](timeoutMinutes));
}

export async function sendOrderShipped(tenant: Tenant, orderId: string): Promise<void> {
  const context = await loadOrderContext(tenant, orderId);
  const { order } = context;
  const [parcel] = await withTenant(tenant.id, (tx) => tx.select().from(shipments).where(eq(shipments.orderId, orderId)));
  if (!parcel) throw new Error(`Order ${orderId} has no shipment`);
  await emailCustomer(tenant, context, 'order-shipped', `order-shipped:${order.id}`, {
    carrier: parcel.carrier,
    trackingNumber: parcel.trackingNumber,
    trackingUrl: parcel.trackingUrl,
  });
  await notifyOwners(tenant, context, 'shipped', `${parcel.carrier} ${parcel.trackingNumber}`);
}

export async function sendOrderRefunded(
  tenant: Tenant,
  orderId: string,
  refund: { id: string; amountCents: number; currency: string; reason: string },
): Promise<void> {
  const context = await loadOrderContext(tenant, orderId);
  await emailCustomer(tenant, context, 'order-refunded', `order-refunded:${refund.id}`, {
    amount: formatMoney(refund.amountCents, refund.currency),
    reason: refund.reason,
  });
  await notifyOwners(tenant, context, 'refunded', refund.reason);
}
