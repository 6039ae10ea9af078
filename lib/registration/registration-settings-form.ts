import 'server-only';
import { eq } from 'drizzle-orm';
import { tenants, type NewTenant, type Tenant } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { paymentSettingFields } from '@/lib/registration/registration-settings';
import { tenantRegistrationSettings } from '@/lib/registration/register-customer';
import { forgetTenant } from '@/lib/tenancy/tenant-directory';
import { platformDb } from '@/db/connection-registry';
import { auditTenantChange } from '@/lib/branding/update-branding';
import {
  draftOfForm,
  draftOfSettings,
  readRegistrationDraft,
  type PaymentSettings,
  type RegistrationAdminSettings,
  type RegistrationDraft,
  type RegistrationSettingsForm,
} from './registration-settings-draft';

export { MAX_PAYMENT_TIMEOUT, MIN_PAYMENT_TIMEOUT } from '@/lib/registration/registration-settings';
export type { RegistrationAdminSettings, RegistrationSettingsForm } from './registration-settings-draft';

/** Reads the form into the tenant's settings, validated with the same schema registration applies. */
export function parseRegistrationSettingsForm(form: RegistrationSettingsForm): RegistrationAdminSettings {
  const reading = readRegistrationDraft(draftOfForm(form));
  if (!reading.settings) throw new AppError('VALIDATION_FAILED', 'Please check the highlighted settings.', { details: { fieldErrors: reading.fieldErrors } });
  return reading.settings;
}

/** The stored settings as the dashboard form shows them; rules that no longer validate show as stored. */
export function registrationSettingsDraft(tenant: Tenant): RegistrationDraft {
  const payment = Object.fromEntries(Object.keys(paymentSettingFields).map((key) => [key, tenant[key as keyof PaymentSettings]])) as PaymentSettings;
  return draftOfSettings({ ...tenantRegistrationSettings(tenant), ...payment }, tenant.autoApprovalRules);
}

/** Each setting goes to the `tenants` column of its name: a setting without one does not compile. */
function columnsOf(settings: RegistrationAdminSettings): Pick<NewTenant, keyof RegistrationAdminSettings> {
  return { ...settings };
}

/** Saved on the tenant row: the very next registration (and the next card order) follows them. */
export async function updateRegistrationSettings(tenantId: string, form: RegistrationSettingsForm, actor: string, now = new Date()): Promise<Tenant> {
  const s = parseRegistrationSettingsForm(form);
  const db = await platformDb();
  const [row] = await db
    .update(tenants)
    .set({ ...columnsOf(s), updatedAt: now })
    .where(eq(tenants.id, tenantId))
    .returning();
  if (!row) throw new AppError('TENANT_NOT_FOUND', 'This shop does not exist.');
  forgetTenant(tenantId);
  await auditTenantChange(tenantId, actor, 'tenant.registration_settings_updated', { ...s });
  return row;
}
