import type { Metadata } from 'next';
import { AdminPasswordForm } from '@/app/admin/(signed-in)/account/admin-password-form';
import { AdminSection } from '@/components/admin/section';
import { requireAdminPage } from '@/lib/auth/current-admin';
import { ADMIN_MIN_PASSWORD_LENGTH } from '@/lib/auth/authorize-admin';

export const metadata: Metadata = { title: 'Your account' };

export default async function AdminAccountPage() {
  const admin = await requireAdminPage();
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">Your account</h1>
      <AdminSection id="account-details" title="Signed in as">
        <p className="text-sm">
          {admin.name} · <span className="break-all">{admin.email}</span>
        </p>
      </AdminSection>
      <AdminSection
        id="account-password"
        title="Password"
        description="The console reaches every shop: use a long password you use nowhere else. The change is written to the audit log."
      >
        <AdminPasswordForm minLength={ADMIN_MIN_PASSWORD_LENGTH} />
      </AdminSection>
    </div>
  );
}
