import type { EmailBrand } from '@/lib/email/brand';
import { BrandedLayout } from './components/branded-layout';
import { Paragraph, Title } from './components/email-parts';
import { previewBrand } from './components/preview-brand';

export interface AccountRevokedProps {
  brand: EmailBrand;
  customerName: string;
}

export function subject({ brand }: AccountRevokedProps): string {
  return `Your account at ${brand.shopName} can no longer place orders`;
}

export default function AccountRevoked({ brand, customerName }: AccountRevokedProps) {
  return (
    <BrandedLayout brand={brand} preview={`The approval of your account at ${brand.shopName} was withdrawn.`}>
      <Title>Your account approval was withdrawn</Title>
      <Paragraph>Hello {customerName},</Paragraph>
      <Paragraph>
        {brand.shopName} has withdrawn the approval of your account. You can still sign in and see your past orders, but you cannot place new orders.
      </Paragraph>
      <Paragraph>If you think this is a mistake, reply to this email and we will look into it.</Paragraph>
    </BrandedLayout>
  );
}

AccountRevoked.PreviewProps = {
  brand: previewBrand,
  customerName: 'Sam Peeters',
} satisfies AccountRevokedProps;
