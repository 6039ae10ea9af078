'use server';

import { notFound, redirect } from 'next/navigation';
import { customerVoidAction } from '@/lib/forms/form-action';
import { submitSandboxPayment } from '@/lib/payments/submit-sandbox-payment';

const notice = { succeeded: '?placed=1', failed: '?payment=failed' } as const;
/** A payment that takes no choice any more: the order page says what became of it. */
const closedNotice: Partial<Record<string, string>> = { voided: '?payment=voided', failed: '?payment=failed' };

export const sandboxPaymentAction = customerVoidAction(
  { signIn: '/account/sign-in', revalidate: [{ layout: '/' }] },
  async ({ tenant, customer, formData }) => {
    const outcome = formData.get('outcome') === 'succeeded' ? 'succeeded' : 'failed';
    const submitted = await submitSandboxPayment(tenant.id, customer.id, String(formData.get('paymentId') ?? ''), outcome);
    if (!submitted) notFound();
    const query = submitted.outcome === 'not_payable' ? (closedNotice[submitted.status] ?? '') : notice[submitted.outcome];
    redirect(`/account/orders/${submitted.orderNumber}${query}`);
  },
);
