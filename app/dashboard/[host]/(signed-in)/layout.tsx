import Link from 'next/link';
import { DashboardNav } from '@/components/dashboard/dashboard-nav';
import { requireStaffPage } from '@/lib/auth/current-staff';
import { getShop } from '@/lib/tenancy/current-shop';
import { staffSignOutAction } from '../actions';

type Props = { children: React.ReactNode; params: Promise<{ host: string }> };

/** Everything behind the staff sign-in: a page of another shop's host, or without a session, is never rendered. */
export default async function SignedInDashboardLayout({ children, params }: Props) {
  const { tenant } = await getShop((await params).host);
  const staff = await requireStaffPage(tenant.id);
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="bg-brand text-brand-contrast">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
          <p className="font-semibold">
            {tenant.name} <span className="font-normal opacity-80">· Dashboard</span>
          </p>
          <div className="flex items-center gap-4 text-sm">
            <Link href="/" className="underline">
              View shop
            </Link>
            <span data-testid="staff-name" className="hidden sm:inline">
              {staff.name} ({staff.role === 'owner' ? 'owner' : 'staff'})
            </span>
            <form action={staffSignOutAction}>
              <button type="submit" className="underline">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <div className="mx-auto flex w-full max-w-7xl flex-1 flex-col gap-6 px-4 py-6 sm:px-6 md:flex-row">
        <aside className="md:w-48 md:shrink-0">
          <DashboardNav />
        </aside>
        <main id="main" className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </div>
  );
}
