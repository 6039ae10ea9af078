import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { tenants, type Tenant } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { isEuCountryCode } from '@/lib/registration/eu-countries';
import { registrationSettingsSchema, type RegistrationSettings } from '@/lib/registration/registration-settings';
import { forgetTenant } from '@/lib/tenancy/tenant-directory';
import { platformDb } from '@/db/connection-registry';
import { auditTenantChange } from './branding';

export const MIN_PAYMENT_TIMEOUT = 5;
export const MAX_PAYMENT_TIMEOUT = 1440;

/** The settings form as the browser posts it: checkboxes are present ("on") or absent. */
export interface RegistrationSettingsForm {
  vatNumberRequired?: string;
  approvalRequired?: string;
  autoApprovalEnabled?: string;
  validVat?: string;
  /** 'any' or 'listed' */
  countryRule?: string;
  countries?: string[];
  /** 'permanent' or 'temporary' */
  approvalLength?: string;
  temporaryDays?: string;
  paymentTimeoutMinutes?: string;
}

export interface RegistrationAdminSettings extends RegistrationSettings {
  paymentTimeoutMinutes: number;
}

const checked = (value: string | undefined) => value === 'on' || value === 'true';

const wholeNumber = (text: string | undefined) => (text !== undefined && /^\s*\d{1,6}\s*$/.test(text) ? Number(text) : Number.NaN);

const formSchema = z.object({
  paymentTimeoutMinutes: z
    .number({ error: 'Enter the payment time as a whole number of minutes.' })
    .refine((n) => n >= MIN_PAYMENT_TIMEOUT && n <= MAX_PAYMENT_TIMEOUT, `Allow between ${MIN_PAYMENT_TIMEOUT} and ${MAX_PAYMENT_TIMEOUT} minutes (24 hours) for a card payment.`),
  temporaryDays: z
    .number({ error: 'Enter the approval period as a whole number of days.' })
    .refine((n) => n >= 1 && n <= 365, 'A temporary approval lasts from 1 to 365 days.')
    .optional(),
  countries: z
    .array(z.string().refine(isEuCountryCode, 'Choose countries from the list.'))
    .min(1, 'Tick at least one country, or choose “businesses from any country”.')
    .optional(),
});

/** Reads the form into the tenant's settings, validated with the same schema registration applies. */
export function parseRegistrationSettingsForm(form: RegistrationSettingsForm): RegistrationAdminSettings {
  const auto = checked(form.autoApprovalEnabled);
  const parsed = formSchema.safeParse({
    paymentTimeoutMinutes: wholeNumber(form.paymentTimeoutMinutes),
    temporaryDays: form.approvalLength === 'temporary' ? wholeNumber(form.temporaryDays) : undefined,
    countries: form.countryRule === 'listed' ? (form.countries ?? []) : undefined,
  });
  if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
  const { paymentTimeoutMinutes, temporaryDays, countries } = parsed.data;
  const rules = {
    ...(checked(form.validVat) ? { valid_vat: true } : {}),
    ...(countries ? { country: countries } : {}),
    ...(temporaryDays !== undefined ? { temporary_days: temporaryDays } : {}),
  };
  const settings = registrationSettingsSchema.safeParse({
    vatNumberRequired: checked(form.vatNumberRequired),
    approvalRequired: checked(form.approvalRequired),
    autoApprovalEnabled: auto,
    autoApprovalRules: Object.keys(rules).length > 0 ? rules : null,
  });
  if (!settings.success) throw invalid(fieldErrorsOf(settings.error));
  return { ...settings.data, paymentTimeoutMinutes };
}

function invalid(fieldErrors: Record<string, string>): AppError {
  return new AppError('VALIDATION_FAILED', 'Please check the highlighted settings.', { details: { fieldErrors } });
}

/** Saved on the tenant row: the very next registration (and the next card order) follows them. */
export async function updateRegistrationSettings(tenantId: string, form: RegistrationSettingsForm, actor: string, now = new Date()): Promise<Tenant> {
  const s = parseRegistrationSettingsForm(form);
  const db = await platformDb();
  const [row] = await db
    .update(tenants)
    .set({
      vatNumberRequired: s.vatNumberRequired,
      approvalRequired: s.approvalRequired,
      autoApprovalEnabled: s.autoApprovalEnabled,
      autoApprovalRules: s.autoApprovalRules,
      paymentTimeoutMinutes: s.paymentTimeoutMinutes,
      updatedAt: now,
    })
    .where(eq(tenants.id, tenantId))
    .returning();
  if (!row) throw new AppError('TENANT_NOT_FOUND', 'This shop does not exist.');
  forgetTenant(tenantId);
  await auditTenantChange(tenantId, actor, 'tenant.registration_settings_updated', { ...s });
  return row;
}
