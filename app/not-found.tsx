import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Page not found' };

/** Used for unknown hosts, inactive shops and anything else with no page. */
export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-lg flex-col items-center justify-center gap-4 p-8 text-center">
      <p className="text-sm font-semibold tracking-wide text-slate-500 uppercase">404</p>
      <h1 className="text-3xl font-bold">There is no page here</h1>
      <p className="text-slate-600">The address may be mistyped, or the shop you are looking for is not open. Check the link you followed.</p>
    </main>
  );
}
