'use client';

export default function ShopError({ reset, error }: { reset: () => void; error: Error & { digest?: string } }) {
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-lg border border-red-200 bg-white p-8 text-center">
      <h1 className="text-xl font-bold">Something went wrong</h1>
      <p className="mt-2 text-slate-600">We could not load this page. Please try again in a moment.</p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-slate-500">Reference: {error.digest}</p> : null}
      <button type="button" onClick={reset} className="bg-brand text-brand-contrast mt-4 rounded-md px-4 py-2 font-semibold">
        Try again
      </button>
    </div>
  );
}
