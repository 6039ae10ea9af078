'use server';

import { notFound, redirect } from 'next/navigation';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { getCustomerOrder } from '@/lib/orders/customer-orders';
import { sandboxProvider } from '@/lib/payments/sandbox-provider';
import { requireRequestTenant } from '@/lib/storefront/request-tenant';

/** Starts a new card payment for an unpaid order of the signed-in customer. */
export async function payOrderAction(formData: FormData): Promise<void> {
  const tenant = await requireRequestTenant();
  const customer = await getCurrentCustomer(tenant.id);
  if (!customer) redirect('/account/sign-in?callbackUrl=/account/orders');
  const number = Number(formData.get('orderNumber'));
  const found = Number.isSafeInteger(number) ? await getCustomerOrder(tenant.id, customer.id, number) : null;
  if (!found || found.order.paymentMethod !== 'card' || found.order.status !== 'awaiting_payment') notFound();
  redirect((await sandboxProvider.createPayment(tenant, found.order)).redirectPath);
}
