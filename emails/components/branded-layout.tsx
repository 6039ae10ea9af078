import { Body, Container, Head, Hr, Html, Img, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import { DEFAULT_ACCENT, DEFAULT_PRIMARY, isRenderableLogoUrl, type EmailBrand } from '@/lib/email/brand';
import { initials, readableTextOn, safeColor } from '@/lib/branding/theme';

export interface BrandedLayoutProps {
  brand: EmailBrand;
  /** The inbox preview line shown next to the subject. */
  preview: string;
  children: ReactNode;
  /** Replaces the customer footer, e.g. for notifications that go to the shop owner. */
  footer?: ReactNode;
}

/** Colours as the templates use them, validated again here because templates also render from previews. */
export function brandColors(brand: EmailBrand) {
  const primary = safeColor(brand.primaryColor, DEFAULT_PRIMARY);
  const accent = safeColor(brand.accentColor, DEFAULT_ACCENT);
  return { primary, onPrimary: readableTextOn(primary), accent, onAccent: readableTextOn(accent) };
}

function BrandMark({ brand }: { brand: EmailBrand }) {
  const { primary, onPrimary } = brandColors(brand);
  // Many mail clients drop data: URLs and SVG images, so only a hosted logo is rendered as an image.
  if (isRenderableLogoUrl(brand.logoUrl)) {
    return <Img src={brand.logoUrl} alt={brand.shopName} height={40} style={{ display: 'inline-block', maxHeight: 40, verticalAlign: 'middle' }} />;
  }
  return (
    <>
      <span
        data-skip-in-text="true"
        style={{
          display: 'inline-block',
          width: 40,
          height: 40,
          lineHeight: '40px',
          borderRadius: 8,
          backgroundColor: onPrimary,
          color: primary,
          fontWeight: 700,
          fontSize: 16,
          textAlign: 'center',
          verticalAlign: 'middle',
        }}
      >
        {initials(brand.shopName)}
      </span>
      <span style={{ marginLeft: 12, color: onPrimary, fontSize: 18, fontWeight: 700, verticalAlign: 'middle' }}>{brand.shopName}</span>
    </>
  );
}

/** Header bar in the shop's primary colour, the message, and a footer saying who sent it and why. */
export function BrandedLayout({ brand, preview, children, footer }: BrandedLayoutProps) {
  const { primary } = brandColors(brand);
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ margin: 0, backgroundColor: '#f3f4f6', fontFamily: 'Helvetica, Arial, sans-serif', color: '#111827' }}>
        <Container style={{ maxWidth: 600, margin: '0 auto', padding: '24px 12px' }}>
          <Section style={{ backgroundColor: primary, borderRadius: '8px 8px 0 0', padding: '16px 24px' }}>
            <BrandMark brand={brand} />
          </Section>
          <Section style={{ backgroundColor: '#ffffff', borderRadius: '0 0 8px 8px', padding: '8px 24px 24px' }}>{children}</Section>
          <Hr style={{ borderColor: '#e5e7eb', margin: '24px 0 12px' }} />
          <Text style={{ fontSize: 12, lineHeight: '18px', color: '#6b7280', margin: 0 }}>
            {footer ?? (
              <>
                You receive this email because you have an account at {brand.shopName}. Reply to this email to reach {brand.shopName}.
              </>
            )}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
