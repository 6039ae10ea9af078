import type { Metadata } from 'next';
import Link from 'next/link';
import { CreateTenantForm } from '@/app/admin/(signed-in)/tenants/new/create-tenant-form';
import { adminCard } from '@/components/admin/styles';
import { requireAdminPage } from '@/lib/auth/current-admin';
import { rootDomain } from '@/lib/tenancy/tenant-directory';

export const metadata: Metadata = { title: 'New tenant' };

export default async function NewTenantPage() {
  await requireAdminPage();
  return (
    <div className="max-w-2xl space-y-4">
      <Link href="/" className="text-sm underline">
        ← Tenants
      </Link>
      <h1 className="text-2xl font-bold">New tenant</h1>
      <div className={adminCard}>
        <CreateTenantForm rootDomain={rootDomain()} />
      </div>
    </div>
  );
}
