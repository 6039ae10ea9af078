import type { Customer } from '@/db/schema';

// Words the shop owner reads for the stored codes; kept apart so list, detail and tests agree.

export const customerStatusLabel: Record<Customer['status'], string> = {
  pending_approval: 'Pending approval',
  active: 'Active',
  rejected: 'Rejected',
};

export const customerStatusFilterLabel = { all: 'All', ...customerStatusLabel } as const;

export const reviewReasonLabel: Record<string, string> = {
  manual_approval_required: 'The shop approves every new account by hand.',
  vat_not_valid: 'The VAT number did not pass the check.',
  country_not_allowed: 'The country is not one that is approved automatically.',
  vat_registry_unavailable: 'The EU VAT registry could not be reached at registration.',
  auto_approval_expired: 'The temporary automatic approval ran out.',
  revoked: 'The approval was revoked by the shop.',
};

export const vatCheckLabel: Record<Customer['vatCheck'], string> = {
  valid: 'Valid',
  invalid: 'Invalid',
  unavailable: 'Registry unavailable',
  not_checked: 'Not checked',
};

export const approvalTypeLabel: Record<NonNullable<Customer['approvalType']>, string> = {
  manual: 'approved by the shop',
  auto: 'approved automatically',
  open: 'open registration',
};

export const auditActionLabel: Record<string, string> = {
  'customer.approved': 'Approved',
  'customer.rejected': 'Rejected',
  'customer.revoked': 'Approval revoked',
  'customer.margin_set': 'Margin changed',
};
