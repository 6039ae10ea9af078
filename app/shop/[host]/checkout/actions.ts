'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { errorFormState, formValues, type FormState } from '@/lib/forms/form-state';
import { placeOrder } from '@/lib/orders/place-order';
import { startOrderPayment } from '@/lib/payments/start-order-payment';
import { requireRequestTenant } from '@/lib/storefront/request-tenant';

export async function placeOrderAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const tenant = await requireRequestTenant();
  const customer = await getCurrentCustomer(tenant.id);
  if (!customer) redirect('/account/sign-in?callbackUrl=/checkout');
  let next: string;
  try {
    const order = await placeOrder(tenant, customer, Object.fromEntries(formData));
    next =
      order.paymentMethod === 'card' && order.status === 'awaiting_payment'
        ? (await startOrderPayment(tenant, order.id)).redirectPath
        : `/account/orders/${order.number}?placed=1`;
  } catch (error) {
    return errorFormState(error, formValues(formData));
  }
  // The header's cart count lives in the layout, which client navigation would otherwise keep.
  revalidatePath('/', 'layout');
  redirect(next);
}
