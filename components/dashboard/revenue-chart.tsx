import type { RevenueDay } from '@/lib/orders/sales-overview';

/**
 * Thirty days of sales as bars: plain SVG, no chart library, readable without colour (every bar has a
 * title, and the table below it is the accessible version).
 */
export function RevenueChart({ days, format }: { days: RevenueDay[]; format: (cents: number) => string }) {
  const max = Math.max(1, ...days.map((d) => d.grossCents));
  const width = 600;
  const height = 160;
  const gap = 4;
  const barWidth = (width - gap * (days.length - 1)) / days.length;
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height + 20}`} className="h-auto w-full" role="img" aria-labelledby="revenue-chart-title">
        <title id="revenue-chart-title">Sales per day, last 30 days</title>
        {days.map((d, i) => {
          const h = Math.round((d.grossCents / max) * height);
          const x = i * (barWidth + gap);
          return (
            <g key={d.day}>
              <rect x={x} y={height - h} width={barWidth} height={Math.max(h, d.grossCents > 0 ? 2 : 0)} rx={2} className="fill-brand">
                <title>{`${d.day}: ${format(d.grossCents)} (${d.orders} orders)`}</title>
              </rect>
              {i % 7 === 0 || i === days.length - 1 ? (
                <text x={x + barWidth / 2} y={height + 15} textAnchor="middle" className="fill-slate-500 text-[11px]">
                  {d.day.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
        <line x1={0} x2={width} y1={height} y2={height} className="stroke-slate-300" />
      </svg>
      <figcaption className="sr-only">
        <table>
          <thead>
            <tr>
              <th>Day</th>
              <th>Orders</th>
              <th>Sales</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td>{d.day}</td>
                <td>{d.orders}</td>
                <td>{format(d.grossCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
