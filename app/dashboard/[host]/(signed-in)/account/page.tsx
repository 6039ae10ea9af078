import type { Metadata } from 'next';
import { PasswordChangeForm } from '@/components/forms/password-change-form';
import { requireStaffPage } from '@/lib/auth/current-staff';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import { getShop } from '@/lib/tenancy/current-shop';
import { changeStaffPasswordAction } from './actions';

export const metadata: Metadata = { title: 'Your account' };

type Props = { params: Promise<{ host: string }> };

export default async function StaffAccountPage({ params }: Props) {
  const { tenant } = await getShop((await params).host);
  const me = await requireStaffPage(tenant.id, '/dashboard/account');
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Your account</h1>
      <section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="me-title">
        <h2 id="me-title" className="font-semibold">
          Signed in as
        </h2>
        <p className="mt-1 text-sm">
          {me.name} · <span className="break-all">{me.email}</span>
        </p>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="password-title">
        <h2 id="password-title" className="font-semibold">
          Password
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-600">
          Changing it signs you out everywhere, on this device too, at every shop you work for: sign in again with the new password. The change is written to
          the shop’s audit log.
        </p>
        <PasswordChangeForm
          action={changeStaffPasswordAction}
          minLength={MIN_PASSWORD_LENGTH}
          buttonClassName="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-60"
        />
      </section>
    </div>
  );
}
