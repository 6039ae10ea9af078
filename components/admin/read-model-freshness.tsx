import { formatDateTime } from '@/lib/time/format-date-time';

/**
 * How current a cross-tenant list is: it reads the platform read model, which follows each database's
 * outbox (docs/platform-read-model.md). A database that cannot be projected holds this moment back, so a
 * gap is never silent.
 */
export function ReadModelFreshness({ upTo }: { upTo: Date | null }) {
  if (!upTo) {
    return (
      <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        Not every shop’s changes have been taken in yet; some may be missing.
      </p>
    );
  }
  return (
    <p className="text-xs text-slate-600">
      Shows changes up to <time dateTime={upTo.toISOString()}>{formatDateTime(upTo, 'UTC', 'date-time')}</time>.
    </p>
  );
}
