'use server';

import { redirect } from 'next/navigation';
import type { Order, Tenant } from '@/db/schema';
import type { StaffMember } from '@/lib/auth/current-staff';
import { cancelOrderByShop, markInvoicePaid, requestOrderRefund } from '@/lib/orders/order-commands';
import { staffAction, type StaffRole } from '@/lib/forms/form-action';

// The shop comes from the request's host and the staff member from the session; the form only names the
// order, and an order of another shop is not found inside this shop's tenant.

type Command = (ctx: { tenant: Tenant; staff: StaffMember; formData: FormData }, orderId: string) => Promise<Order>;

/** On success the order page is shown afresh with the outcome (`?done=`): the form itself may be gone. */
const orderCommandAction = (role: StaffRole, command: Command, done: string) =>
  staffAction({ role, revalidate: [{ layout: '/dashboard/orders' }] }, async (ctx) => {
    const order = await command(ctx, String(ctx.formData.get('orderId') ?? ''));
    redirect(`/dashboard/orders/${order.number}?done=${done}`);
  });

export const cancelOrderAction = orderCommandAction('manager', ({ tenant, staff }, orderId) => cancelOrderByShop(tenant, staff, orderId), 'cancelled');

export const markInvoicePaidAction = orderCommandAction('manager', ({ tenant, staff }, orderId) => markInvoicePaid(tenant, staff, orderId), 'invoice-paid');

/** Money leaves the shop: owners only. */
export const refundOrderAction = orderCommandAction(
  'owner',
  ({ tenant, staff, formData }, orderId) => requestOrderRefund(tenant, staff, orderId, { reason: formData.get('reason') ?? '' }),
  'refund-requested',
);
