/**
 * Skeleton for the home page and listings only. Product pages sit outside this group on purpose: a
 * streamed skeleton would commit a 200 before a hidden product's notFound() could send a 404.
 */
export default function ListingSkeleton() {
  return (
    <div role="status" aria-live="polite" className="grid animate-pulse gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <span className="sr-only">Loading…</span>
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="h-44 rounded-lg bg-slate-200" />
      ))}
    </div>
  );
}
