import type { EmailBrand } from '@/lib/email/brand';
import { BrandedLayout } from './components/branded-layout';
import { ActionButton, Paragraph, Title } from './components/email-parts';
import { previewBrand } from './components/preview-brand';

export interface AccountActiveProps {
  brand: EmailBrand;
  customerName: string;
  signInUrl: string;
}

export function subject({ brand }: AccountActiveProps): string {
  return `Welcome to ${brand.shopName}`;
}

/** Sent after an open registration (no approval needed): the account can order right away. */
export default function AccountActive({ brand, customerName, signInUrl }: AccountActiveProps) {
  return (
    <BrandedLayout brand={brand} preview={`Your account at ${brand.shopName} is ready.`}>
      <Title>Welcome to {brand.shopName}</Title>
      <Paragraph>Hello {customerName},</Paragraph>
      <Paragraph>Your account is active. You can sign in, browse tyres and wheels and place orders straight away.</Paragraph>
      <ActionButton brand={brand} href={signInUrl}>
        Sign in
      </ActionButton>
    </BrandedLayout>
  );
}

AccountActive.PreviewProps = {
  brand: previewBrand,
  customerName: 'Sam Peeters',
  signInUrl: 'http://acme.localhost:3000/sign-in',
} satisfies AccountActiveProps;
