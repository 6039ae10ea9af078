import type { EmailBrand } from '@/lib/email/brand';
import { BrandedLayout } from './components/branded-layout';
import { ActionButton, Paragraph, Title } from './components/email-parts';
import { previewBrand } from './components/preview-brand';

export interface StaffInvitationProps {
  brand: EmailBrand;
  inviterName: string;
  role: 'owner' | 'manager';
  acceptUrl: string;
  expiresInDays: number;
}

export function subject({ brand }: StaffInvitationProps): string {
  return `You are invited to run ${brand.shopName} with us`;
}

export default function StaffInvitation({ brand, inviterName, role, acceptUrl, expiresInDays }: StaffInvitationProps) {
  return (
    <BrandedLayout
      brand={brand}
      preview={`${inviterName} invited you to the ${brand.shopName} dashboard.`}
      footer={`You receive this email because ${inviterName} invited you to ${brand.shopName}.`}
    >
      <Title>Join the {brand.shopName} team</Title>
      <Paragraph>
        {inviterName} invited you to the shop dashboard of {brand.shopName} as {role === 'owner' ? 'an owner' : 'a member of staff'}: you will see and handle
        orders and customers{role === 'owner' ? ', and manage the shop’s settings and team' : ''}.
      </Paragraph>
      <ActionButton brand={brand} href={acceptUrl}>
        Accept the invitation
      </ActionButton>
      <Paragraph>The link works once and for {expiresInDays} days. If you did not expect this email, you can ignore it.</Paragraph>
    </BrandedLayout>
  );
}

StaffInvitation.PreviewProps = {
  brand: previewBrand,
  inviterName: 'An Peeters',
  role: 'manager',
  acceptUrl: 'http://acme.localhost:3000/dashboard/invite/abc',
  expiresInDays: 7,
} satisfies StaffInvitationProps;
