'use server';

import { z } from 'zod';
import { approveCustomerAccount, rejectCustomerAccount, revokeCustomerAccount, type CustomerDecision } from '@/lib/customers/customer-decisions';
import { setCustomerMargin } from '@/lib/customers/set-customer-margin';
import { AppError } from '@/lib/errors';
import { staffAction } from '@/lib/forms/form-action';

// The shop comes from the request's host and the actor from the staff session. The customer id in the
// form is only looked up inside that shop's plane, so an id of another shop's customer is NOT_FOUND.

const decisionSchema = z.object({
  customerId: z.uuid({ error: 'This customer does not exist in this shop.' }),
  decision: z.enum(['approve', 'reject', 'revoke']),
});

const decide = { approve: approveCustomerAccount, reject: rejectCustomerAccount, revoke: revokeCustomerAccount } as const;

const doneMessage: Record<CustomerDecision, string> = {
  approve: 'The account is approved. We emailed the customer.',
  reject: 'The registration is rejected. We emailed the customer.',
  revoke: 'The approval is revoked; the customer can no longer order. We emailed the customer.',
};

export const decideCustomerAction = staffAction({ role: 'manager', revalidate: [{ layout: '/dashboard/customers' }] }, async ({ tenant, staff, values }) => {
  const parsed = decisionSchema.safeParse(values);
  if (!parsed.success) throw new AppError('NOT_FOUND', 'This customer does not exist in this shop.');
  const { customerId, decision } = parsed.data;
  await decide[decision](tenant, customerId, staff.email);
  return { status: 'success', message: doneMessage[decision] };
});

export const setCustomerMarginAction = staffAction({ role: 'manager', revalidate: [{ layout: '/dashboard/customers' }] }, async ({ tenant, staff, values }) => {
  await setCustomerMargin(tenant, { customerId: values.customerId ?? '', marginPercent: values.marginPercent ?? '' }, staff.email);
  return { status: 'success', message: 'The margin is saved. It applies to every price this customer sees from now on.', values };
});
