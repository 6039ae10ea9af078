import { Text } from '@react-email/components';
import type { CSSProperties, ReactNode } from 'react';

/** One order line as the customer sees it; money arrives formatted, e.g. `€1,234.50`. */
export interface OrderLineSummary {
  name: string;
  sku: string;
  quantity: number;
  lineTotal: string;
}

export interface OrderTotals {
  net: string;
  vat: string;
  gross: string;
  /** The reduction already applied to the totals, or null when there is none. */
  discount: string | null;
  /** Consumer prices include VAT, so the total is shown first and VAT as the part of it. */
  pricesIncludeVat: boolean;
  /** Legal wording that must accompany the invoice totals, e.g. `VAT reverse-charged (Art. 196 VAT Directive)`. */
  vatNote: string | null;
}

export interface AddressLines {
  recipient: string;
  line1: string;
  line2?: string | null;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2, e.g. `BE`. */
  countryCode: string;
}

const border = '1px solid #e5e7eb';
const cell: CSSProperties = { fontSize: 14, lineHeight: '20px', padding: '8px 0', verticalAlign: 'top' };
const amountCell: CSSProperties = { ...cell, textAlign: 'right', whiteSpace: 'nowrap', paddingLeft: 12 };
const headerCell: CSSProperties = { ...cell, fontSize: 12, color: '#6b7280', fontWeight: 700, borderBottom: border, textAlign: 'left' };
const muted: CSSProperties = { color: '#6b7280', fontSize: 12, lineHeight: '18px' };

/**
 * A real table rather than Row/Column: each react-email Row is its own table, which breaks column alignment
 * in Outlook and spreads every cell onto its own line in the plain-text part. `data-text-format` makes the
 * text renderer lay it out as columns too.
 */
function DataTable({ children }: { children: ReactNode }) {
  return (
    <table
      data-text-format="dataTable"
      width="100%"
      cellPadding={0}
      cellSpacing={0}
      border={0}
      style={{ width: '100%', borderCollapse: 'collapse', margin: '16px 0' }}
    >
      <tbody>{children}</tbody>
    </table>
  );
}

/** A minus is always shown, whether or not the caller formatted the discount as a negative amount. */
function asReduction(amount: string): string {
  const trimmed = amount.trim();
  return /^[-−]/.test(trimmed) ? trimmed.replace(/^-/, '−') : `−${trimmed}`;
}

function TotalRow({ label, amount, strong = false, first = false }: { label: string; amount: string; strong?: boolean; first?: boolean }) {
  const weight: CSSProperties = strong ? { fontWeight: 700, fontSize: 15 } : {};
  const top: CSSProperties = first ? { borderTop: border } : {};
  return (
    <tr>
      <td colSpan={2} style={{ ...cell, ...weight, ...top, padding: '4px 0' }}>
        {label}
      </td>
      <td style={{ ...amountCell, ...weight, ...top, padding: '4px 0 4px 12px' }}>{amount}</td>
    </tr>
  );
}

/** The ordered lines followed by the totals, aligned in one table so the amounts form a single column. */
export function OrderSummary({ lines, totals }: { lines: OrderLineSummary[]; totals: OrderTotals }) {
  const rows: { label: string; amount: string; strong?: boolean }[] = [];
  if (totals.discount) rows.push({ label: 'Discount', amount: asReduction(totals.discount) });
  if (totals.pricesIncludeVat) {
    rows.push({ label: 'Total', amount: totals.gross, strong: true });
    rows.push({ label: 'Including VAT', amount: totals.vat });
  } else {
    rows.push({ label: 'Subtotal excl. VAT', amount: totals.net });
    rows.push({ label: 'VAT', amount: totals.vat });
    rows.push({ label: 'Total incl. VAT', amount: totals.gross, strong: true });
  }
  return (
    <>
      <DataTable>
        <tr>
          <th style={headerCell}>Item</th>
          <th style={{ ...headerCell, textAlign: 'right', paddingLeft: 12 }}>Qty</th>
          <th style={{ ...headerCell, textAlign: 'right', paddingLeft: 12 }}>Total</th>
        </tr>
        {lines.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a rendered email never re-orders; one SKU can be on two lines
          <tr key={`${line.sku}-${index}`}>
            <td style={{ ...cell, borderBottom: border }}>
              <span style={{ fontWeight: 700 }}>{line.name}</span>
              <br />
              <span style={muted}>SKU {line.sku}</span>
            </td>
            <td style={{ ...amountCell, borderBottom: border }}>{line.quantity}</td>
            <td style={{ ...amountCell, borderBottom: border }}>{line.lineTotal}</td>
          </tr>
        ))}
        {rows.map((row, index) => (
          <TotalRow key={row.label} label={row.label} amount={row.amount} strong={row.strong} first={index === 0 && lines.length === 0} />
        ))}
      </DataTable>
      {totals.vatNote ? <Text style={{ ...muted, margin: '0 0 12px' }}>{totals.vatNote}</Text> : null}
    </>
  );
}

/** Labelled facts such as the order number or a tracking number, one per row. */
export function FactList({ facts }: { facts: { label: string; value: ReactNode }[] }) {
  return (
    <DataTable>
      {facts.map((fact) => (
        <tr key={fact.label}>
          <td style={{ ...cell, ...muted, fontSize: 14, lineHeight: '20px', padding: '4px 16px 4px 0', width: '40%' }}>{fact.label}</td>
          <td style={{ ...cell, fontWeight: 700, padding: '4px 0' }}>{fact.value}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function countryName(countryCode: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(countryCode.toUpperCase()) ?? countryCode;
  } catch {
    // An unknown or malformed code is still better shown as-is than dropped from the address.
    return countryCode;
  }
}

export function AddressBlock({ title, address }: { title: string; address: AddressLines }) {
  return (
    <Text style={{ fontSize: 14, lineHeight: '22px', margin: '12px 0' }}>
      <span style={{ fontWeight: 700 }}>{title}</span>
      <br />
      {address.recipient}
      <br />
      {address.line1}
      <br />
      {address.line2 ? (
        <>
          {address.line2}
          <br />
        </>
      ) : null}
      {address.postalCode} {address.city}
      <br />
      {countryName(address.countryCode)}
    </Text>
  );
}
