'use server';

import { revalidatePath } from 'next/cache';
import { notFound, redirect } from 'next/navigation';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { submitSandboxPayment } from '@/lib/payments/submit-sandbox-payment';
import { requireRequestTenant } from '@/lib/storefront/request-tenant';

const notice = { succeeded: '?placed=1', failed: '?payment=failed' } as const;
/** A payment that takes no choice any more: the order page says what became of it. */
const closedNotice: Partial<Record<string, string>> = { voided: '?payment=voided', failed: '?payment=failed' };

export async function sandboxPaymentAction(formData: FormData): Promise<void> {
  const tenant = await requireRequestTenant();
  const customer = await getCurrentCustomer(tenant.id);
  if (!customer) redirect('/account/sign-in');
  const outcome = formData.get('outcome') === 'succeeded' ? 'succeeded' : 'failed';
  const submitted = await submitSandboxPayment(tenant.id, customer.id, String(formData.get('paymentId') ?? ''), outcome);
  if (!submitted) notFound();
  revalidatePath('/', 'layout');
  const query = submitted.outcome === 'not_payable' ? (closedNotice[submitted.status] ?? '') : notice[submitted.outcome];
  redirect(`/account/orders/${submitted.orderNumber}${query}`);
}
