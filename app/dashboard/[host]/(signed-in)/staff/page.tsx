import { formatDateTime } from '@/lib/time/format-date-time';
import type { Metadata } from 'next';
import { InviteStaffForm, RemoveStaffForm } from '@/app/dashboard/[host]/(signed-in)/staff/staff-forms';
import { requireStaffPage } from '@/lib/auth/current-staff';
import { listStaff } from '@/lib/staff/staff-invitations';
import { getShop } from '@/lib/tenancy/current-shop';
import { revokeInvitationAction } from './actions';

export const metadata: Metadata = { title: 'Staff' };

type Props = { params: Promise<{ host: string }> };

const roleLabel = { owner: 'Owner', manager: 'Staff' } as const;

export default async function StaffPage({ params }: Props) {
  const { tenant } = await getShop((await params).host);
  const me = await requireStaffPage(tenant.id);
  const { members, invitations } = await listStaff(tenant.id);
  const isOwner = me.role === 'owner';
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Staff</h1>
      <section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="team-title">
        <h2 id="team-title" className="font-semibold">
          Your team
        </h2>
        <ul className="mt-2 divide-y divide-slate-100" data-testid="staff-members">
          {members.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm">
              <div>
                <p className="font-medium">
                  {m.name}
                  {m.id === me.id ? ' (you)' : ''}
                </p>
                <p className="text-slate-600">
                  {m.email} · {roleLabel[m.role]}
                </p>
              </div>
              {isOwner && m.id !== me.id ? <RemoveStaffForm staffUserId={m.id} name={m.name} /> : null}
            </li>
          ))}
        </ul>
      </section>
      {isOwner ? (
        <section className="grid gap-6 md:grid-cols-2">
          <div className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="font-semibold">Invite someone</h2>
            <p className="mt-1 text-sm text-slate-600">They get an email with a link to set their password. The link works once, for 7 days.</p>
            <div className="mt-4">
              <InviteStaffForm />
            </div>
          </div>
          <div className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="font-semibold">Open invitations</h2>
            {invitations.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">No invitations waiting.</p>
            ) : (
              <ul className="mt-2 divide-y divide-slate-100" data-testid="staff-invitations">
                {invitations.map((i) => (
                  <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm">
                    <div>
                      <p className="font-medium">{i.email}</p>
                      <p className="text-slate-600">
                        {roleLabel[i.role]} · valid until {formatDateTime(i.expiresAt, tenant.timeZone, 'date')}
                      </p>
                    </div>
                    <form action={revokeInvitationAction}>
                      <input type="hidden" name="invitationId" value={i.id} />
                      <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 text-sm font-semibold">
                        Withdraw<span className="sr-only"> the invitation of {i.email}</span>
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>
      ) : (
        <p className="text-sm text-slate-600">Only the shop’s owners can invite or remove staff.</p>
      )}
    </div>
  );
}
