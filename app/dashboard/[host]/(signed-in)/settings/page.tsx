import type { Metadata } from 'next';
import { ShopTimeZoneForm } from '@/app/dashboard/[host]/(signed-in)/settings/shop-time-zone-form';
import { OwnerOnlyNotice } from '@/components/dashboard/registration-owner-notice';
import { RegistrationSettingsForm, type RegistrationDraft } from '@/app/dashboard/[host]/(signed-in)/settings/registration-settings-form';
import type { Tenant } from '@/db/schema';
import { requireStaffPage } from '@/lib/auth/current-staff';
import { MAX_PAYMENT_TIMEOUT, MIN_PAYMENT_TIMEOUT } from '@/lib/dashboard/registration-admin';
import { tenantRegistrationSettings } from '@/lib/registration/register-customer';
import { getShop } from '@/lib/storefront/current-shop';
import { formatDateTime } from '@/lib/time/format-date-time';
import { timeZoneOptions } from '@/lib/time/time-zone';

export const metadata: Metadata = { title: 'Registration settings' };

type Props = { params: Promise<{ host: string }> };

/** The stored settings as the form shows them; rules that no longer validate show as registration treats them. */
function draftOf(tenant: Tenant): RegistrationDraft {
  const settings = tenantRegistrationSettings(tenant);
  const rules = tenant.autoApprovalRules ?? {};
  return {
    vatNumberRequired: settings.vatNumberRequired,
    approvalRequired: settings.approvalRequired,
    autoApprovalEnabled: settings.autoApprovalEnabled,
    validVat: rules.valid_vat === true,
    countryRule: rules.country?.length ? 'listed' : 'any',
    countries: rules.country ?? [],
    approvalLength: rules.temporary_days ? 'temporary' : 'permanent',
    temporaryDays: String(rules.temporary_days ?? 30),
    paymentTimeoutMinutes: String(tenant.paymentTimeoutMinutes),
  };
}

export default async function RegistrationSettingsPage({ params }: Props) {
  const { tenant } = await getShop((await params).host);
  const staff = await requireStaffPage(tenant.id);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold">Registration</h1>
        <p className="mt-1 text-sm text-slate-600">Who can open an account at {tenant.name}, when they can start ordering, and how long a card payment may take.</p>
      </div>
      {staff.role === 'owner' ? (
        <RegistrationSettingsForm initial={draftOf(tenant)} defaultCountry={tenant.countryCode} paymentLimits={{ min: MIN_PAYMENT_TIMEOUT, max: MAX_PAYMENT_TIMEOUT }} />
      ) : (
        <OwnerOnlyNotice what="the registration settings" />
      )}
      <section aria-labelledby="time-zone-heading" className="space-y-3">
        <h2 id="time-zone-heading" className="text-lg font-semibold">Time zone</h2>
        {staff.role === 'owner' ? (
          <ShopTimeZoneForm current={tenant.timeZone} options={timeZoneOptions(tenant.timeZone)} example={formatDateTime(new Date(), tenant.timeZone)} />
        ) : (
          <p className="text-sm text-slate-600">Times are shown in {tenant.timeZone.replaceAll('_', ' ')}. Only the shop’s owner can change it.</p>
        )}
      </section>
    </div>
  );
}
