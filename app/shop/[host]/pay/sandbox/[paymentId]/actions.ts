'use server';

import { revalidatePath } from 'next/cache';
import { notFound, redirect } from 'next/navigation';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { completeSandboxPayment, findSandboxPayment } from '@/lib/payments/sandbox-provider';
import { requireRequestTenant } from '@/lib/storefront/request-tenant';

export async function sandboxPaymentAction(formData: FormData): Promise<void> {
  const tenant = await requireRequestTenant();
  const customer = await getCurrentCustomer(tenant.id);
  if (!customer) redirect('/account/sign-in');
  const found = await findSandboxPayment(tenant.id, customer.id, String(formData.get('paymentId') ?? ''));
  if (!found) notFound();
  const outcome = formData.get('outcome') === 'succeeded' ? 'succeeded' : 'failed';
  if (found.payment.status === 'pending') await completeSandboxPayment(tenant.id, found.payment, outcome);
  revalidatePath('/', 'layout');
  redirect(`/account/orders/${found.orderNumber}${outcome === 'succeeded' ? '?placed=1' : '?payment=failed'}`);
}
