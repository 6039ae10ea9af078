import Link from 'next/link';

/** A dashboard page that does not exist, or belongs to someone else: nothing to see, nothing leaked. */
export default function DashboardNotFound() {
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-16 text-center">
      <p className="text-sm font-semibold tracking-wide text-slate-500 uppercase">404</p>
      <h1 className="mt-2 text-2xl font-bold">This page does not exist</h1>
      <p className="mt-2 text-slate-600">It may have moved, or you may be signed in to another shop’s dashboard.</p>
      <Link href="/dashboard" className="bg-brand text-brand-contrast mt-6 inline-block rounded-md px-4 py-2 font-semibold">
        Go to the dashboard
      </Link>
    </main>
  );
}
