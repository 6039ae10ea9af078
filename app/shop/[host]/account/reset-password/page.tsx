import type { Metadata } from 'next';
import Link from 'next/link';
import { ResetPasswordForm } from '@/app/shop/[host]/account/password-forms';
import { getShop } from '@/lib/tenancy/current-shop';

export const metadata: Metadata = { title: 'Choose a new password', referrer: 'no-referrer' };

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ResetPasswordPage({ params, searchParams }: Props) {
  await getShop((await params).host);
  const token = (await searchParams).token;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">Choose a new password</h1>
      {typeof token === 'string' && token.length > 10 ? (
        <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <ResetPasswordForm token={token} />
        </div>
      ) : (
        <p className="mt-4 text-slate-600">
          This link is incomplete.{' '}
          <Link href="/account/forgot-password" className="underline">
            Ask for a new one
          </Link>
          .
        </p>
      )}
    </div>
  );
}
