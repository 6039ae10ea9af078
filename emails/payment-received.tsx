import type { EmailBrand } from '@/lib/email/brand';
import { BrandedLayout } from './components/branded-layout';
import { ActionButton, Paragraph, Title } from './components/email-parts';
import { FactList } from './components/order-summary';
import { previewBrand } from './components/preview-brand';

export interface PaymentReceivedProps {
  brand: EmailBrand;
  customerName: string;
  orderNumber: string;
  orderUrl: string;
  amount: string;
}

export function subject({ orderNumber }: PaymentReceivedProps): string {
  return `Payment received for order ${orderNumber}`;
}

export default function PaymentReceived({ brand, customerName, orderNumber, orderUrl, amount }: PaymentReceivedProps) {
  return (
    <BrandedLayout brand={brand} preview={`Thank you: ${amount} received. We are preparing your order.`}>
      <Title>Payment received</Title>
      <Paragraph>Hello {customerName},</Paragraph>
      <Paragraph>Thank you, we have received your payment for order {orderNumber}.</Paragraph>
      <FactList
        facts={[
          { label: 'Order number', value: orderNumber },
          { label: 'Amount paid', value: amount },
        ]}
      />
      <Paragraph>Your order is now being prepared for shipping. As soon as it leaves our warehouse, we send you the carrier and tracking number.</Paragraph>
      <ActionButton brand={brand} href={orderUrl}>
        View your order
      </ActionButton>
    </BrandedLayout>
  );
}

PaymentReceived.PreviewProps = {
  brand: previewBrand,
  customerName: 'Sam Peeters',
  orderNumber: 'ACM-10427',
  orderUrl: 'http://acme.localhost:3000/account/orders/ACM-10427',
  amount: '€3,165.40',
} satisfies PaymentReceivedProps;
