import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, tenants, type Tenant } from '@/db/schema';
import { describeRegistrationOutcome } from '@/components/dashboard/registration-outcome';
import { parseRegistrationSettingsForm, updateRegistrationSettings, type RegistrationSettingsForm } from '@/lib/registration/registration-settings-form';
import { isAppError } from '@/lib/errors';
import { registerCustomer, tenantRegistrationSettings } from '@/lib/registration/register-customer';
import { getTenantByHost } from '@/lib/tenancy/tenant-directory';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

const OWNER = 'owner@atraxion.test';
const DE_VAT = 'DE136695976';
const BE_VAT = 'BE0417497106';

let demo: DemoCatalog;
let acme: Tenant;

const tenantRow = async (id: string) => (await demo.db.select().from(tenants).where(eq(tenants.id, id)))[0]!;
const errorOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (error) {
    return isAppError(error, 'VALIDATION_FAILED') ? (error.details?.fieldErrors as Record<string, string>) : error;
  }
};

/** Atraxion's form as the owner leaves it after ticking auto-approval for Germany, 30 days. */
const germanyFor30Days: RegistrationSettingsForm = {
  vatNumberRequired: 'on',
  approvalRequired: 'on',
  autoApprovalEnabled: 'on',
  validVat: 'on',
  countryRule: 'listed',
  countries: ['DE'],
  approvalLength: 'temporary',
  temporaryDays: '30',
  paymentTimeoutMinutes: '45',
};

let seq = 0;
/** Registers at the shop as the storefront does: the tenant looked up by host, with whatever it has cached. */
async function registerAt(host: string, extra: Record<string, string>) {
  seq += 1;
  const tenant = (await getTenantByHost(host))!;
  const input = {
    name: `Rita Register ${seq}`,
    email: `rita-${seq}-${Date.now()}@example.test`,
    password: 'correct horse battery',
    companyName: `Rita ${seq} GmbH`,
    vatNumber: DE_VAT,
    countryCode: 'DE',
    ...extra,
  };
  return registerCustomer(tenant, input, { registry: null });
}

beforeAll(async () => {
  demo = await seedDemoForTest({ articleCount: 20 });
  acme = await tenantRow(demo.tenantIds.acme);
});
afterAll(async () => {
  await demo?.cleanup();
});

describe('reading the settings form', () => {
  it('turns the ticked boxes into the rules registration applies', () => {
    expect(parseRegistrationSettingsForm(germanyFor30Days)).toEqual({
      vatNumberRequired: true,
      approvalRequired: true,
      autoApprovalEnabled: true,
      autoApprovalRules: { valid_vat: true, country: ['DE'], temporary_days: 30 },
      paymentTimeoutMinutes: 45,
    });
    // Any country, permanent, no VAT rule: no rules at all.
    expect(
      parseRegistrationSettingsForm({ ...germanyFor30Days, validVat: undefined, countryRule: 'any', approvalLength: 'permanent' }).autoApprovalRules,
    ).toBeNull();
  });

  it('explains what is wrong, field by field', () => {
    expect(errorOf(() => parseRegistrationSettingsForm({ ...germanyFor30Days, paymentTimeoutMinutes: '4' }))).toEqual({
      paymentTimeoutMinutes: expect.stringMatching(/between 5 and 1440 minutes/),
    });
    expect(errorOf(() => parseRegistrationSettingsForm({ ...germanyFor30Days, paymentTimeoutMinutes: '1441' }))).toEqual({
      paymentTimeoutMinutes: expect.stringMatching(/between 5 and 1440/),
    });
    expect(errorOf(() => parseRegistrationSettingsForm({ ...germanyFor30Days, paymentTimeoutMinutes: 'soon' }))).toEqual({
      paymentTimeoutMinutes: expect.stringMatching(/whole number of minutes/),
    });
    expect(errorOf(() => parseRegistrationSettingsForm({ ...germanyFor30Days, temporaryDays: '0' }))).toEqual({
      temporaryDays: 'A temporary approval lasts from 1 to 365 days.',
    });
    expect(errorOf(() => parseRegistrationSettingsForm({ ...germanyFor30Days, temporaryDays: '366' }))).toEqual({
      temporaryDays: 'A temporary approval lasts from 1 to 365 days.',
    });
    expect(errorOf(() => parseRegistrationSettingsForm({ ...germanyFor30Days, countries: [] }))).toEqual({
      countries: expect.stringMatching(/Tick at least one country/),
    });
    expect(errorOf(() => parseRegistrationSettingsForm({ ...germanyFor30Days, countries: ['US'] }))).toEqual({ countries: 'Choose countries from the list.' });
    // Auto-approval without approval would mean nothing: said so rather than silently dropped.
    expect(errorOf(() => parseRegistrationSettingsForm({ ...germanyFor30Days, approvalRequired: undefined }))).toEqual({
      autoApprovalEnabled: expect.stringMatching(/turn on approval first/),
    });
  });

  it('describes the outcome with the same decision registration makes', () => {
    const settings = parseRegistrationSettingsForm(germanyFor30Days);
    expect(describeRegistrationOutcome(settings, 'DE', true)).toBe('approved for 30 days, then reviewed by you');
    expect(describeRegistrationOutcome(settings, 'BE', true)).toBe('waiting for your approval (its country is not on your list)');
    expect(describeRegistrationOutcome(settings, 'DE', false)).toBe('unable to sign up: a VAT number is required');
    const open = parseRegistrationSettingsForm({ paymentTimeoutMinutes: '30' });
    expect(describeRegistrationOutcome(open, 'BE', false)).toBe('active at once, without review');
  });
});

describe('saving the settings', () => {
  it('applies to the very next registration', async () => {
    // Atraxion approves every account by hand, and this instance has its settings cached.
    const before = await registerAt('atraxion.localhost', {});
    expect(before.customer.status).toBe('pending_approval');

    await updateRegistrationSettings(demo.tenantIds.atraxion, germanyFor30Days, OWNER, new Date());
    const german = await registerAt('atraxion.localhost', {});
    expect(german.customer).toMatchObject({ status: 'active', approvalType: 'auto' });
    const days = (german.customer.approvalExpiresAt!.getTime() - german.customer.approvedAt!.getTime()) / 86_400_000;
    expect(days).toBe(30);
    const belgian = await registerAt('atraxion.localhost', { vatNumber: BE_VAT, countryCode: 'BE' });
    expect(belgian.customer).toMatchObject({ status: 'pending_approval', reviewReason: 'country_not_allowed' });

    const saved = await tenantRow(demo.tenantIds.atraxion);
    expect(saved.paymentTimeoutMinutes).toBe(45);
    expect(tenantRegistrationSettings(saved).autoApprovalRules).toEqual({ valid_vat: true, country: ['DE'], temporary_days: 30 });
    const audit = await withTenant(saved.id, (tx) => tx.select().from(auditLog).where(eq(auditLog.action, 'tenant.registration_settings_updated')));
    expect(audit.map((a) => a.actor)).toEqual([OWNER]);
  });

  it('lets people sign up without a VAT number once it is no longer required', async () => {
    const refused = await registerAt('atraxion.localhost', { vatNumber: '', companyName: '' }).catch((e: unknown) => e);
    expect(isAppError(refused, 'VALIDATION_FAILED')).toBe(true);
    await updateRegistrationSettings(demo.tenantIds.atraxion, { paymentTimeoutMinutes: '30' }, OWNER);
    const consumer = await registerAt('atraxion.localhost', { vatNumber: '', companyName: '' });
    expect(consumer.customer).toMatchObject({ status: 'active', approvalType: 'open', vatNumber: null });
  });

  it('refuses invalid settings without saving, and never touches another shop', async () => {
    const before = await tenantRow(demo.tenantIds.atraxion);
    await expect(updateRegistrationSettings(demo.tenantIds.atraxion, { ...germanyFor30Days, paymentTimeoutMinutes: '2' }, OWNER)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await tenantRow(demo.tenantIds.atraxion)).toEqual(before);
    expect(await tenantRow(acme.id)).toEqual(acme);
  });
});
