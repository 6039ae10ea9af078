import type { EmailBrand } from '@/lib/email/brand';
import { BrandedLayout } from './components/branded-layout';
import { ActionButton, Paragraph, Title } from './components/email-parts';
import { FactList } from './components/order-summary';
import { previewBrand } from './components/preview-brand';

export interface OrderRefundedProps {
  brand: EmailBrand;
  customerName: string;
  orderNumber: string;
  orderUrl: string;
  amount: string;
  /** A full sentence for the customer, e.g. `The warehouse could not ship your order.` */
  reason: string;
}

export function subject({ orderNumber }: OrderRefundedProps): string {
  return `Refund for order ${orderNumber}`;
}

export default function OrderRefunded({ brand, customerName, orderNumber, orderUrl, amount, reason }: OrderRefundedProps) {
  return (
    <BrandedLayout brand={brand} preview={`We refunded ${amount} for order ${orderNumber}.`}>
      <Title>Your refund is on its way</Title>
      <Paragraph>Hello {customerName},</Paragraph>
      <Paragraph>
        We have refunded {amount} for order {orderNumber} to your original payment method.
      </Paragraph>
      <FactList
        facts={[
          { label: 'Order number', value: orderNumber },
          { label: 'Amount refunded', value: amount },
        ]}
      />
      <Paragraph>Reason: {reason}</Paragraph>
      <Paragraph>
        Depending on your bank or card issuer, the refund usually appears on your statement within 5–10 business days. We are sorry for the inconvenience.
      </Paragraph>
      <ActionButton brand={brand} href={orderUrl}>
        View your order
      </ActionButton>
    </BrandedLayout>
  );
}

OrderRefunded.PreviewProps = {
  brand: previewBrand,
  customerName: 'Sam Peeters',
  orderNumber: 'ACM-10427',
  orderUrl: 'http://acme.localhost:3000/account/orders/ACM-10427',
  amount: '€3,165.40',
  reason: 'The warehouse could not ship your order.',
} satisfies OrderRefundedProps;
