import type { Metadata } from 'next';
import { ShopTimeZoneForm } from '@/app/dashboard/[host]/(signed-in)/settings/shop-time-zone-form';
import { OwnerOnlyNotice } from '@/components/dashboard/registration-owner-notice';
import { RegistrationSettingsForm } from '@/app/dashboard/[host]/(signed-in)/settings/registration-settings-form';
import { requireStaffPage } from '@/lib/auth/current-staff';
import { registrationSettingsDraft } from '@/lib/registration/registration-settings-form';
import { getShop } from '@/lib/tenancy/current-shop';
import { formatDateTime } from '@/lib/time/format-date-time';
import { timeZoneOptions } from '@/lib/time/time-zone';

export const metadata: Metadata = { title: 'Registration settings' };

type Props = { params: Promise<{ host: string }> };

export default async function RegistrationSettingsPage({ params }: Props) {
  const { tenant } = await getShop((await params).host);
  const staff = await requireStaffPage(tenant.id);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold">Registration</h1>
        <p className="mt-1 text-sm text-slate-600">
          Who can open an account at {tenant.name}, when they can start ordering, and how long a card payment may take.
        </p>
      </div>
      {staff.role === 'owner' ? (
        <RegistrationSettingsForm initial={registrationSettingsDraft(tenant)} defaultCountry={tenant.countryCode} />
      ) : (
        <OwnerOnlyNotice what="the registration settings" />
      )}
      <section aria-labelledby="time-zone-heading" className="space-y-3">
        <h2 id="time-zone-heading" className="text-lg font-semibold">
          Time zone
        </h2>
        {staff.role === 'owner' ? (
          <ShopTimeZoneForm current={tenant.timeZone} options={timeZoneOptions(tenant.timeZone)} example={formatDateTime(new Date(), tenant.timeZone)} />
        ) : (
          <p className="text-sm text-slate-600">Times are shown in {tenant.timeZone.replaceAll('_', ' ')}. Only the shop’s owner can change it.</p>
        )}
      </section>
    </div>
  );
}
