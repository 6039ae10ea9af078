import 'server-only';
import { eq } from 'drizzle-orm';
import { orders, payments, type Tenant } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { log } from '@/lib/log';
import { awaitsCardPayment } from '@/lib/orders/order-status';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { voidOpenPayments } from './open-payments';
import { paymentProviderNamed } from './payment-providers';

/**
 * Starts a card payment for an order that still awaits its money, at checkout or from the order page
 * ("Pay now" again). Under the order's row lock, which the capture of a payment also takes, the order's
 * older attempts are voided and the new one recorded, so an order has at most one payment that can still
 * take money; the provider then opens it. An order that is paid, cancelled or on invoice is refused with
 * CONFLICT (`details.status` says why).
 */
export async function startOrderPayment(tenant: Tenant, orderId: string, providerName = 'sandbox'): Promise<{ paymentId: string; redirectPath: string }> {
  const provider = paymentProviderNamed(providerName);
  const { payment, voided } = await withTenant(tenant.id, async (tx) => {
    const [order] = isUuid(orderId) ? await tx.select().from(orders).where(eq(orders.id, orderId)).for('update') : [];
    if (!order) throw new AppError('NOT_FOUND', 'This order does not exist.');
    if (!awaitsCardPayment(order)) {
      throw new AppError('CONFLICT', `Order ${order.number} is not waiting for a card payment.`, { details: { status: order.status } });
    }
    const voided = await voidOpenPayments(tx, order.id);
    const [payment] = await tx
      .insert(payments)
      .values({ tenantId: tenant.id, orderId: order.id, provider: provider.name, amountCents: order.grossCents, currency: order.currency })
      .returning();
    return { payment: payment!, voided };
  });
  if (voided.length > 0) log.info({ tenantId: tenant.id, orderId, paymentId: payment.id, voided: voided.map((p) => p.id) }, 'older payment attempts voided');
  const { redirectPath } = await provider.startPayment(tenant, payment);
  return { paymentId: payment.id, redirectPath };
}
