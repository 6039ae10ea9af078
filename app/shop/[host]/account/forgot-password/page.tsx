import type { Metadata } from 'next';
import Link from 'next/link';
import { ForgotPasswordForm } from '@/app/shop/[host]/account/password-forms';
import { getShop } from '@/lib/tenancy/current-shop';

export const metadata: Metadata = { title: 'Forgot your password?' };

export default async function ForgotPasswordPage({ params }: { params: Promise<{ host: string }> }) {
  const { tenant } = await getShop((await params).host);
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">Forgot your password?</h1>
      <p className="mt-2 text-slate-600">Enter the email address of your {tenant.name} account and we will send you a link to choose a new one.</p>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <ForgotPasswordForm />
      </div>
      <p className="mt-4 text-center text-sm">
        <Link href="/account/sign-in" className="underline">
          Back to sign in
        </Link>
      </p>
    </div>
  );
}
