import { formatDateTime } from '@/lib/time/format-date-time';
import { Button, Heading, Link, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import type { EmailBrand } from '@/lib/email/brand';
import { brandColors } from './branded-layout';

export function Title({ children }: { children: ReactNode }) {
  return (
    <Heading as="h1" style={{ fontSize: 22, lineHeight: '30px', margin: '16px 0 8px' }}>
      {children}
    </Heading>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={{ fontSize: 15, lineHeight: '24px', margin: '12px 0' }}>{children}</Text>;
}

/** A button in the shop's colour, followed by the plain link for clients that hide buttons. */
export function ActionButton({ brand, href, children }: { brand: EmailBrand; href: string; children: ReactNode }) {
  const { primary, onPrimary } = brandColors(brand);
  return (
    <>
      <Button
        href={href}
        style={{
          backgroundColor: primary,
          color: onPrimary,
          borderRadius: 6,
          padding: '12px 20px',
          fontSize: 15,
          fontWeight: 700,
          textDecoration: 'none',
          margin: '8px 0',
        }}
      >
        {children}
      </Button>
      <Text style={{ fontSize: 13, lineHeight: '20px', color: '#4b5563', margin: '12px 0' }}>
        Or open this link:{' '}
        <Link href={href} style={{ color: primary, wordBreak: 'break-all' }}>
          {href}
        </Link>
      </Text>
    </>
  );
}

/** The calendar day in the shop's time zone, e.g. "15 January 2026". */
export function formatEmailDate(date: Date, timeZone: string): string {
  return formatDateTime(date, timeZone, 'long-date');
}

/** For deadlines that fall within a day, where the date alone would be ambiguous: the zone is named. */
export function formatEmailDateTime(date: Date, timeZone: string): string {
  return formatDateTime(date, timeZone, 'long-date-time');
}

/** A plain link in the shop's colour, for a second destination next to the main button. */
export function TextLink({ brand, href, children }: { brand: EmailBrand; href: string; children: ReactNode }) {
  const { primary } = brandColors(brand);
  return (
    <Link href={href} style={{ color: primary, textDecoration: 'underline' }}>
      {children}
    </Link>
  );
}
