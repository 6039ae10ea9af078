import type { EmailBrand } from '@/lib/email/brand';
import { BrandedLayout } from './components/branded-layout';
import { ActionButton, Paragraph, Title } from './components/email-parts';
import { previewBrand } from './components/preview-brand';

export interface PasswordResetProps {
  brand: EmailBrand;
  customerName: string;
  resetUrl: string;
  expiresInMinutes: number;
}

export function subject({ brand }: PasswordResetProps): string {
  return `Reset your password at ${brand.shopName}`;
}

export default function PasswordReset({ brand, customerName, resetUrl, expiresInMinutes }: PasswordResetProps) {
  return (
    <BrandedLayout brand={brand} preview={`Choose a new password for ${brand.shopName}.`}>
      <Title>Reset your password</Title>
      <Paragraph>Hello {customerName},</Paragraph>
      <Paragraph>
        Someone asked to reset the password of your account at {brand.shopName}. Use the button below to choose a new one. The link works once and expires in{' '}
        {expiresInMinutes} minutes.
      </Paragraph>
      <ActionButton brand={brand} href={resetUrl}>
        Choose a new password
      </ActionButton>
      <Paragraph>If you did not ask for this, you can ignore this email: your password stays unchanged.</Paragraph>
    </BrandedLayout>
  );
}

PasswordReset.PreviewProps = {
  brand: previewBrand,
  customerName: 'Sam Peeters',
  resetUrl: 'http://acme.localhost:3000/reset-password?token=preview',
  expiresInMinutes: 30,
} satisfies PasswordResetProps;
