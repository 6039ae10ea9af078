import 'server-only';
import type { Customer, Tenant } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { insertCustomer } from '@/lib/customers/customer-repository';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { decideRegistration, type RegistrationDecision } from './decide-registration';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { registrationFormSchema } from './registration-form';
import { registrationSettingKeys, registrationSettingsSchema, type RegistrationSettings } from './registration-settings';
import { checkVatNumber } from './vat-number';
import { checkWithRegistry, type VatRegistry } from './vat-registry';

export interface RegistrationDeps {
  registry: VatRegistry | null;
  now?: Date;
}

/** The tenant's stored settings; rules that no longer validate disable auto-approval rather than guess. */
export function tenantRegistrationSettings(tenant: Tenant): RegistrationSettings {
  const stored = storedSettings(tenant);
  const parsed = registrationSettingsSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  log.error({ tenantId: tenant.id, issues: parsed.error.issues.length }, 'invalid registration settings; auto-approval disabled');
  return { ...stored, approvalRequired: true, autoApprovalEnabled: false, autoApprovalRules: null };
}

/** Each setting from the `tenants` column of its name: a setting without one does not compile. */
function storedSettings(tenant: Tenant): Pick<Tenant, keyof RegistrationSettings> {
  const keys: readonly (keyof Tenant)[] = registrationSettingKeys;
  const stored = Object.fromEntries(keys.map((key) => [key, tenant[key]])) as Pick<Tenant, keyof RegistrationSettings>;
  return { ...stored, autoApprovalRules: stored.autoApprovalRules ?? null };
}

function invalid(fieldErrors: Record<string, string>): AppError {
  return new AppError('VALIDATION_FAILED', 'Please check the highlighted fields.', { details: { fieldErrors } });
}

/**
 * Creates a customer at one tenant following that tenant's registration flow: B2B strict (pending),
 * B2B with auto-approval (active with an expiry when the rules pass) or B2C open (active at once).
 */
export async function registerCustomer(
  tenant: Tenant,
  input: Record<string, unknown>,
  deps: RegistrationDeps,
): Promise<{ customer: Customer; decision: RegistrationDecision }> {
  const settings = tenantRegistrationSettings(tenant);
  const parsed = registrationFormSchema(settings).safeParse(input);
  if (!parsed.success) {
    // Report a bad VAT number together with the other mistakes, not one round trip later.
    const errors = fieldErrorsOf(parsed.error);
    const rawVat = typeof input.vatNumber === 'string' ? input.vatNumber.trim() : '';
    if (rawVat && !errors.vatNumber) {
      const check = checkVatNumber(rawVat, typeof input.countryCode === 'string' ? input.countryCode : undefined);
      if (!check.valid) errors.vatNumber = check.message;
    }
    throw invalid(errors);
  }
  const form = parsed.data;
  const now = deps.now ?? new Date();

  let vat: Parameters<typeof decideRegistration>[0]['vat'] = { offline: 'missing', registry: 'not_checked' };
  let vatNumber: string | null = null;
  if (form.vatNumber) {
    const check = checkVatNumber(form.vatNumber, form.countryCode);
    if (!check.valid) throw invalid({ vatNumber: check.message });
    vatNumber = check.normalized;
    const registry = await checkWithRegistry(deps.registry, { vatPrefix: check.vatPrefix, number: check.number });
    vat = { offline: 'valid', registry, countryCode: check.countryCode };
  }
  const decision = decideRegistration({ settings, countryCode: form.countryCode, vat, now });
  const passwordHash = await hashPassword(form.password);
  const customer = await withTenant(tenant.id, (tx) =>
    insertCustomer(tx, {
      tenantId: tenant.id,
      email: form.email,
      name: form.name,
      companyName: form.companyName ?? null,
      vatNumber,
      countryCode: form.countryCode,
      phone: form.phone ?? null,
      passwordHash,
      vatCheck: vat.offline === 'missing' ? 'not_checked' : vat.registry === 'not_checked' ? 'valid' : vat.registry,
      status: decision.status,
      approvalType: decision.approvalType,
      approvedAt: decision.status === 'active' ? now : null,
      approvalExpiresAt: decision.approvalExpiresAt,
      reviewReason: decision.reviewReason,
    }),
  ).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'CONFLICT') throw invalid({ email: error.message });
    throw error;
  });
  log.info({ tenantId: tenant.id, customerId: customer.id, status: decision.status, approvalType: decision.approvalType }, 'customer registered');
  return { customer, decision };
}
