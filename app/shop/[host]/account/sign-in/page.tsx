import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/app/shop/[host]/account/sign-in/sign-in-form';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { safeRedirectPath } from '@/lib/forms/form-state';
import { getShop } from '@/lib/tenancy/current-shop';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ params, searchParams }: Props) {
  const { tenant } = await getShop((await params).host);
  const query = await searchParams;
  const callbackUrl = safeRedirectPath(query.callbackUrl);
  if (await getCurrentCustomer(tenant.id)) redirect(callbackUrl);
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">Sign in to {tenant.name}</h1>
      {query.reset ? (
        <p role="status" className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Your password is changed. Sign in with the new one.
        </p>
      ) : null}
      {query.registered ? (
        <p role="status" className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="registered-notice">
          Your account is created. Please sign in with your email address and password.
        </p>
      ) : null}
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <SignInForm callbackUrl={callbackUrl} />
      </div>
    </div>
  );
}
