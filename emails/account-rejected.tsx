import type { EmailBrand } from '@/lib/email/brand';
import { BrandedLayout } from './components/branded-layout';
import { Paragraph, Title } from './components/email-parts';
import { previewBrand } from './components/preview-brand';

export interface AccountRejectedProps {
  brand: EmailBrand;
  customerName: string;
}

export function subject({ brand }: AccountRejectedProps): string {
  return `Your registration at ${brand.shopName} was not approved`;
}

export default function AccountRejected({ brand, customerName }: AccountRejectedProps) {
  return (
    <BrandedLayout brand={brand} preview={`${brand.shopName} could not approve your account.`}>
      <Title>Your registration was not approved</Title>
      <Paragraph>Hello {customerName},</Paragraph>
      <Paragraph>
        Thank you for your interest in {brand.shopName}. We have reviewed your registration and are unable to approve your account, so you cannot place orders
        with it.
      </Paragraph>
      <Paragraph>If you think this is a mistake, or your details have changed, reply to this email and tell us; we are happy to take another look.</Paragraph>
    </BrandedLayout>
  );
}

AccountRejected.PreviewProps = {
  brand: previewBrand,
  customerName: 'Sam Peeters',
} satisfies AccountRejectedProps;
