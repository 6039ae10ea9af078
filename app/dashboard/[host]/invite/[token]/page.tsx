import type { Metadata } from 'next';
import Link from 'next/link';
import { AcceptInvitationForm } from '@/app/dashboard/[host]/invite/[token]/accept-invitation-form';
import { findInvitation } from '@/lib/staff/staff-invitations';
import { getShop } from '@/lib/tenancy/current-shop';

export const metadata: Metadata = { title: 'Join the team', robots: { index: false } };

type Props = { params: Promise<{ host: string; token: string }> };

export default async function AcceptInvitationPage({ params }: Props) {
  const { host, token } = await params;
  const { tenant } = await getShop(host);
  const found = await findInvitation(tenant.id, token);
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-16">
      <p className="text-sm font-semibold tracking-wide text-slate-500 uppercase">{tenant.name}</p>
      <h1 className="mt-1 text-2xl font-bold">Join the team</h1>
      {found ? (
        <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <AcceptInvitationForm token={token} email={found.invitation.email} hasAccount={Boolean(found.existingUser)} />
        </div>
      ) : (
        <div role="alert" className="mt-6 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-amber-900">
          This invitation is no longer valid: it was used, withdrawn or has expired. Ask the shop’s owner for a new one, or{' '}
          <Link className="underline" href="/dashboard/sign-in">
            sign in
          </Link>
          .
        </div>
      )}
    </main>
  );
}
