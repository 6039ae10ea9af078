import type { OrderEvent } from '@/db/schema';
import { formatDateTime } from '@/lib/time/format-date-time';
import { timelineDetail, timelineLabel } from '@/lib/orders/order-timeline-labels';

/** Everything the workflow and the shop did to the order, oldest first. */
export function OrderTimeline({ events, currency, timeZone }: { events: OrderEvent[]; currency: string; timeZone: string }) {
  return (
    <section aria-labelledby="timeline-heading" className="rounded-lg border border-slate-200 bg-white p-5 text-sm">
      <h2 id="timeline-heading" className="font-semibold">
        Timeline
      </h2>
      <ol className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4" data-testid="order-timeline">
        {events.map((e) => {
          const detail = timelineDetail(e.type, e.details, currency);
          return (
            <li key={e.id} data-testid="timeline-entry" data-type={e.type} className="relative">
              <span aria-hidden className="absolute top-1.5 -left-[1.4rem] h-2.5 w-2.5 rounded-full bg-slate-400" />
              <p className="font-medium">{timelineLabel(e.type)}</p>
              {detail ? <p className="text-slate-700">{detail}</p> : null}
              <p className="text-xs text-slate-500">
                <time dateTime={e.createdAt.toISOString()}>{formatDateTime(e.createdAt, timeZone, 'date-time-seconds')}</time>
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
