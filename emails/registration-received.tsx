import type { EmailBrand } from '@/lib/email/brand';
import { BrandedLayout } from './components/branded-layout';
import { Paragraph, Title } from './components/email-parts';
import { previewBrand } from './components/preview-brand';

export interface RegistrationReceivedProps {
  brand: EmailBrand;
  customerName: string;
  /** Why a person has to look at it, e.g. `vat_registry_unavailable`; shown only as a friendly sentence. */
  reviewReason?: string | null;
}

export function subject({ brand }: RegistrationReceivedProps): string {
  return `We received your registration at ${brand.shopName}`;
}

const reasonSentences: Record<string, string> = {
  vat_registry_unavailable: 'The EU VAT registry could not be reached, so we will check your VAT number by hand.',
};

export default function RegistrationReceived({ brand, customerName, reviewReason }: RegistrationReceivedProps) {
  const reason = reviewReason ? reasonSentences[reviewReason] : undefined;
  return (
    <BrandedLayout brand={brand} preview={`Your account at ${brand.shopName} is waiting for approval.`}>
      <Title>We received your registration</Title>
      <Paragraph>Hello {customerName},</Paragraph>
      <Paragraph>
        Thank you for registering at {brand.shopName}. Your account is waiting for approval by our team; until then you cannot place orders.
      </Paragraph>
      {reason ? <Paragraph>{reason}</Paragraph> : null}
      <Paragraph>
        What happens next: we review your details, usually within one working day, and send you an email as soon as your account is approved. If we need
        anything else, we will reply to this email.
      </Paragraph>
    </BrandedLayout>
  );
}

RegistrationReceived.PreviewProps = {
  brand: previewBrand,
  customerName: 'Sam Peeters',
  reviewReason: 'vat_registry_unavailable',
} satisfies RegistrationReceivedProps;
