import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { StaffSignInForm } from '@/app/dashboard/[host]/sign-in/staff-sign-in-form';
import { getCurrentStaff } from '@/lib/auth/current-staff';
import { safeRedirectPath } from '@/lib/forms/form-state';
import { getShop } from '@/lib/tenancy/current-shop';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function StaffSignInPage({ params, searchParams }: Props) {
  const { tenant } = await getShop((await params).host);
  const query = await searchParams;
  const callbackUrl = safeRedirectPath(query.callbackUrl, '/dashboard');
  if (await getCurrentStaff(tenant.id)) redirect(callbackUrl.startsWith('/dashboard') ? callbackUrl : '/dashboard');
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-16">
      <p className="text-sm font-semibold tracking-wide text-slate-500 uppercase">{tenant.name}</p>
      <h1 className="mt-1 text-2xl font-bold">Shop dashboard</h1>
      <p className="mt-2 text-sm text-slate-600">
        For the shop’s owner and staff. Customers sign in on the{' '}
        <Link className="underline" href="/account/sign-in">
          shop
        </Link>
        .
      </p>
      {query.invited ? (
        <p role="status" className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Welcome to the team. Sign in with your email address and password.
        </p>
      ) : null}
      {query.password === 'changed' ? (
        <p role="status" className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Your password is changed and every session with the old one has ended. Sign in with the new password.
        </p>
      ) : null}
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <StaffSignInForm callbackUrl={callbackUrl} />
      </div>
    </main>
  );
}
