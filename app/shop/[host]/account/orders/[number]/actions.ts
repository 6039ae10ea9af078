'use server';

import { notFound, redirect } from 'next/navigation';
import { isAppError } from '@/lib/errors';
import { customerVoidAction } from '@/lib/forms/form-action';
import { getCustomerOrder } from '@/lib/orders/customer-orders';
import { startOrderPayment } from '@/lib/payments/start-order-payment';

/** Starts a new card payment for an unpaid order of the signed-in customer; older attempts are voided. */
export const payOrderAction = customerVoidAction({ signIn: '/account/sign-in?callbackUrl=/account/orders' }, async ({ tenant, customer, formData }) => {
  const number = Number(formData.get('orderNumber'));
  const found = Number.isSafeInteger(number) ? await getCustomerOrder(tenant.id, customer.id, number) : null;
  if (found?.order.paymentMethod !== 'card') notFound();
  let next: string;
  try {
    next = (await startOrderPayment(tenant, found.order.id)).redirectPath;
  } catch (error) {
    // Paid (or cancelled) since the page was drawn, e.g. in another tab: the order page says which.
    if (!isAppError(error, 'CONFLICT')) throw error;
    next = `/account/orders/${found.order.number}`;
  }
  redirect(next);
});
