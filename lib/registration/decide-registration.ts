import { AppError } from '@/lib/errors';
import { toIsoCountryCode } from './eu-countries';
import type { AutoApprovalRules, RegistrationSettings } from './registration-settings';
import type { RegistryCheck } from './vat-registry';

type CustomerStatus = 'pending_approval' | 'active' | 'rejected';
export type EffectiveCustomerStatus = CustomerStatus | 'expired';

export type ReviewReason = 'manual_approval_required' | 'vat_not_valid' | 'country_not_allowed' | 'vat_registry_unavailable';

export type VatEvidence = {
  /** The offline format and check-digit test; 'missing' when no VAT number was given. */
  offline: 'valid' | 'invalid' | 'missing';
  registry: RegistryCheck;
  /** ISO alpha-2 of the VAT number, when it was valid offline. */
  countryCode?: string;
};

export type RegistrationInput = {
  settings: RegistrationSettings;
  countryCode: string | null;
  vat: VatEvidence;
  now: Date;
};

export type RegistrationDecision = {
  status: 'active' | 'pending_approval';
  approvalType: 'open' | 'auto' | null;
  approvalExpiresAt: Date | null;
  reviewReason: ReviewReason | null;
};

const DAY_MS = 86_400_000;

/**
 * What happens to a new account, following the tenant's flow: open shops activate at once, strict ones wait
 * for a person, and auto-approval activates (possibly temporarily) when every rule passes. Never rejects:
 * only a person rejects an account.
 */
export function decideRegistration({ settings, countryCode, vat, now }: RegistrationInput): RegistrationDecision {
  if (!settings.approvalRequired) {
    return { status: 'active', approvalType: 'open', approvalExpiresAt: null, reviewReason: null };
  }
  if (!settings.autoApprovalEnabled) return pending('manual_approval_required');

  const rules = settings.autoApprovalRules ?? {};
  const failed = firstFailedRule(rules, countryCode, vat);
  if (failed) return pending(failed);

  const days = rules.temporary_days;
  const expiresAt = days === undefined ? null : new Date(now.getTime() + days * DAY_MS);
  return { status: 'active', approvalType: 'auto', approvalExpiresAt: expiresAt, reviewReason: null };
}

// Definite failures are reported before a registry outage: 'vat_registry_unavailable' invites a retry of the
// VIES check, which must not look like the only thing standing between the account and approval.
function firstFailedRule(rules: AutoApprovalRules, countryCode: string | null, vat: VatEvidence): ReviewReason | null {
  const vatRequired = rules.valid_vat === true;
  if (vatRequired && (vat.offline !== 'valid' || vat.registry === 'invalid')) return 'vat_not_valid';
  if (rules.country && !isAllowedCountry(rules.country, countryCode || vat.countryCode)) return 'country_not_allowed';
  if (vatRequired && vat.registry === 'unavailable') return 'vat_registry_unavailable';
  return null;
}

function isAllowedCountry(allowed: string[], countryCode: string | undefined | null): boolean {
  if (!countryCode) return false;
  const iso = toIsoCountryCode(countryCode);
  return allowed.some((code) => toIsoCountryCode(code) === iso);
}

function pending(reviewReason: ReviewReason): RegistrationDecision {
  return { status: 'pending_approval', approvalType: null, approvalExpiresAt: null, reviewReason };
}

export type CustomerStanding = { status: CustomerStatus; approvalExpiresAt: Date | null };

/** A temporary approval ends at its expiry moment: from then on the account waits for review again. */
export function effectiveCustomerStatus(customer: CustomerStanding, now: Date): EffectiveCustomerStatus {
  if (customer.status !== 'active') return customer.status;
  const expiresAt = customer.approvalExpiresAt;
  return expiresAt !== null && expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

export function canPlaceOrders(customer: CustomerStanding, now: Date): boolean {
  return effectiveCustomerStatus(customer, now) === 'active';
}

type Refusal = { code: 'ACCOUNT_PENDING' | 'FORBIDDEN'; message: string };

const refusals: Record<Exclude<EffectiveCustomerStatus, 'active'>, Refusal> = {
  pending_approval: {
    code: 'ACCOUNT_PENDING',
    message: 'Your account is waiting for approval. You can place orders as soon as the shop has approved it.',
  },
  expired: {
    code: 'ACCOUNT_PENDING',
    message: 'Your temporary approval has run out. The shop will review your account; ' + 'you can order again once it is approved.',
  },
  rejected: {
    code: 'FORBIDDEN',
    message: 'Your account was not approved, so you cannot place orders. ' + 'Please contact the shop if you think this is a mistake.',
  },
};

/** The server-side gate in front of every order: the UI hiding the button is not enough. */
export function assertCanPlaceOrders(customer: CustomerStanding, now: Date): void {
  const status = effectiveCustomerStatus(customer, now);
  if (status === 'active') return;
  const refusal = refusals[status];
  throw new AppError(refusal.code, refusal.message, { details: { status } });
}

export type StatusMessage = { title: string; body: string; tone: 'info' | 'warning' | 'danger' | 'success' };

export function customerStatusMessage(status: EffectiveCustomerStatus, tenantName: string): StatusMessage {
  switch (status) {
    case 'active':
      return { title: 'Your account is active', body: `You can order from ${tenantName}.`, tone: 'success' };
    case 'pending_approval':
      return {
        title: 'Your account is waiting for approval',
        body: `${tenantName} reviews new accounts before they can order. You can place orders as soon as yours has been approved.`,
        tone: 'info',
      };
    case 'expired':
      return {
        title: 'Your temporary approval has run out',
        body: `${tenantName} is reviewing your account. You can order again once it has been approved.`,
        tone: 'warning',
      };
    case 'rejected':
      return {
        title: 'Your account was not approved',
        body: `${tenantName} did not approve this account, so you cannot place orders. ` + `Please contact ${tenantName} if you think this is a mistake.`,
        tone: 'danger',
      };
  }
}
