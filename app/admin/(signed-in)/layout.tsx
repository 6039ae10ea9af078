import { connection } from 'next/server';
import { adminSignOutAction } from '@/app/admin/actions';
import { AdminNav } from '@/components/admin/admin-nav';
import { requireAdminPage } from '@/lib/auth/current-admin';

/** Everything behind the operator's sign-in: without an admin session, no page of it is rendered. */
export default async function SignedInAdminLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const admin = await requireAdminPage();
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 pt-3 sm:px-6">
          <p className="font-semibold">
            Storefleet <span className="font-normal opacity-80">· Console</span>
          </p>
          <div className="flex items-center gap-4 text-sm">
            <span data-testid="admin-email" className="hidden sm:inline">
              {admin.email}
            </span>
            <form action={adminSignOutAction}>
              <button type="submit" className="underline">
                Sign out
              </button>
            </form>
          </div>
        </div>
        <div className="mx-auto max-w-7xl px-4 py-2 sm:px-6">
          <AdminNav />
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl min-w-0 flex-1 px-4 py-6 sm:px-6">
        {children}
      </main>
    </div>
  );
}
