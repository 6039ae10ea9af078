export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="grid animate-pulse gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <span className="sr-only">Loading…</span>
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="h-44 rounded-lg bg-slate-200" />
      ))}
    </div>
  );
}
