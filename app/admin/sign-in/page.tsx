import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { AdminSignInForm } from '@/app/admin/sign-in/admin-sign-in-form';
import { adminCard } from '@/components/admin/styles';
import { getAdminAccess } from '@/lib/auth/current-admin';
import { safeRedirectPath } from '@/lib/forms/form-state';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminSignInPage({ searchParams }: Props) {
  const callbackUrl = safeRedirectPath((await searchParams).callbackUrl, '/');
  const access = await getAdminAccess();
  if (access.kind === 'admin') redirect(callbackUrl);
  // A shop's staff member or customer: the console does not exist for them.
  if (access.kind === 'someone-else') notFound();
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-16">
      <p className="text-sm font-semibold tracking-wide text-slate-500 uppercase">Storefleet</p>
      <h1 className="mt-1 text-2xl font-bold">Platform console</h1>
      <p className="mt-2 text-sm text-slate-600">For the platform’s operators. Shop owners sign in on their shop’s dashboard.</p>
      <div className={`mt-6 ${adminCard}`}>
        <AdminSignInForm callbackUrl={callbackUrl} />
      </div>
    </main>
  );
}
