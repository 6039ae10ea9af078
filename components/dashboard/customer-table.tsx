import { formatDateTime } from '@/lib/time/format-date-time';
import Link from 'next/link';
import type { CustomerListRow } from '@/lib/customers/customer-list';
import { formatMarginBp } from '@/lib/customers/set-customer-margin';
import { CustomerStatusBadges } from './customer-status-badge';

function Company({ row }: { row: CustomerListRow }) {
  if (!row.companyName && !row.vatNumber) return <span className="text-slate-400">—</span>;
  return (
    <>
      {row.companyName ?? null}
      {row.vatNumber ? <span className="block font-mono text-xs text-slate-500">{row.vatNumber}</span> : null}
    </>
  );
}

/** A table from `md` up; on a phone each customer is a stacked card, so nothing scrolls sideways. */
export function CustomerTable({ rows, now, timeZone }: { rows: CustomerListRow[]; now: Date; timeZone: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <table className="hidden w-full text-sm md:table">
        <thead className="text-left text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">
              Customer
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              Company / VAT
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              Status
            </th>
            <th scope="col" className="px-4 py-3 text-right font-medium">
              Margin
            </th>
            <th scope="col" className="px-4 py-3 text-right font-medium">
              Registered
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-slate-100 align-top" data-testid="customer-row">
              <td className="px-4 py-3">
                <Link href={`/dashboard/customers/${row.id}`} className="font-semibold underline-offset-2 hover:underline">
                  {row.name}
                </Link>
                <span className="block text-slate-600">{row.email}</span>
              </td>
              <td className="px-4 py-3">
                <Company row={row} />
              </td>
              <td className="px-4 py-3">
                <CustomerStatusBadges customer={row} now={now} timeZone={timeZone} />
              </td>
              <td className="px-4 py-3 text-right tabular-nums">{formatMarginBp(row.marginBp)}</td>
              <td className="px-4 py-3 text-right whitespace-nowrap">{formatDateTime(row.createdAt, timeZone, 'date')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="divide-y divide-slate-100 md:hidden">
        {rows.map((row) => (
          <li key={row.id} className="p-4 text-sm" data-testid="customer-card">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <Link href={`/dashboard/customers/${row.id}`} className="font-semibold underline underline-offset-2">
                {row.name}
              </Link>
              <CustomerStatusBadges customer={row} now={now} timeZone={timeZone} />
            </div>
            <p className="mt-1 break-all text-slate-600">{row.email}</p>
            {row.companyName || row.vatNumber ? (
              <p className="mt-1">
                <Company row={row} />
              </p>
            ) : null}
            <p className="mt-2 text-xs text-slate-500">
              Registered {formatDateTime(row.createdAt, timeZone, 'date')} · Margin {formatMarginBp(row.marginBp)}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
