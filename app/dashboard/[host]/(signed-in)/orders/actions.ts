'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { Order, Tenant } from '@/db/schema';
import { requireStaff, type StaffMember } from '@/lib/auth/current-staff';
import { cancelOrderByShop, markInvoicePaid, requestOrderRefund } from '@/lib/dashboard/order-commands';
import { errorFormState } from '@/lib/forms/form-error-state';
import { formValues, type FormState } from '@/lib/forms/form-state';
import { requireRequestTenant } from '@/lib/storefront/request-tenant';

// The shop comes from the request's host and the staff member from the session; the form only names the
// order, and an order of another shop is not found inside this shop's tenant.

type Command = (ctx: { tenant: Tenant; staff: StaffMember }, orderId: string) => Promise<Order>;

/** On success the order page is shown afresh with the outcome (`?done=`): the form itself may be gone. */
async function runOrderCommand(formData: FormData, role: 'owner' | 'manager', command: Command, done: string): Promise<FormState> {
  let order: Order;
  try {
    const tenant = await requireRequestTenant();
    const staff = await requireStaff(tenant.id, role);
    order = await command({ tenant, staff }, String(formData.get('orderId') ?? ''));
  } catch (error) {
    return errorFormState(error, formValues(formData));
  }
  revalidatePath('/dashboard/orders', 'layout');
  redirect(`/dashboard/orders/${order.number}?done=${done}`);
}

export async function cancelOrderAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runOrderCommand(formData, 'manager', ({ tenant, staff }, orderId) => cancelOrderByShop(tenant, staff, orderId), 'cancelled');
}

export async function markInvoicePaidAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runOrderCommand(formData, 'manager', ({ tenant, staff }, orderId) => markInvoicePaid(tenant, staff, orderId), 'invoice-paid');
}

/** Money leaves the shop: owners only. */
export async function refundOrderAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runOrderCommand(formData, 'owner', ({ tenant, staff }, orderId) => requestOrderRefund(tenant, staff, orderId, { reason: formData.get('reason') ?? '' }), 'refund-requested');
}
