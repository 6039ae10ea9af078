import type { EmailBrand } from '@/lib/email/brand';
import { BrandedLayout } from './components/branded-layout';
import { ActionButton, formatEmailDate, Paragraph, Title } from './components/email-parts';
import { previewBrand } from './components/preview-brand';

export interface AccountApprovedProps {
  brand: EmailBrand;
  customerName: string;
  /** Set for a temporary (auto-)approval: after this moment the account is reviewed again. */
  approvalExpiresAt: Date | null;
  signInUrl: string;
}

export function subject({ brand }: AccountApprovedProps): string {
  return `Your account at ${brand.shopName} is approved`;
}

export default function AccountApproved({ brand, customerName, approvalExpiresAt, signInUrl }: AccountApprovedProps) {
  return (
    <BrandedLayout brand={brand} preview={`You can now order at ${brand.shopName}.`}>
      <Title>Your account is approved</Title>
      <Paragraph>Hello {customerName},</Paragraph>
      <Paragraph>Good news: your account at {brand.shopName} has been approved. You can sign in and place orders now.</Paragraph>
      {approvalExpiresAt ? (
        <Paragraph>
          This is a temporary approval, valid until {formatEmailDate(approvalExpiresAt, brand.timeZone)}. Before then our team reviews your account; you do not
          need to do anything.
        </Paragraph>
      ) : null}
      <ActionButton brand={brand} href={signInUrl}>
        Sign in
      </ActionButton>
    </BrandedLayout>
  );
}

AccountApproved.PreviewProps = {
  brand: previewBrand,
  customerName: 'Sam Peeters',
  approvalExpiresAt: new Date('2026-03-14T12:00:00Z'),
  signInUrl: 'http://acme.localhost:3000/sign-in',
} satisfies AccountApprovedProps;
