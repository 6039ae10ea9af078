import type { EmailBrand } from '@/lib/email/brand';
import { BrandedLayout } from './components/branded-layout';
import { ActionButton, Paragraph, TextLink, Title } from './components/email-parts';
import { FactList } from './components/order-summary';
import { previewBrand } from './components/preview-brand';

export interface OrderShippedProps {
  brand: EmailBrand;
  customerName: string;
  orderNumber: string;
  orderUrl: string;
  carrier: string;
  trackingNumber: string;
  /** Null for carriers without a public tracking page; the number is still shown. */
  trackingUrl: string | null;
}

export function subject({ orderNumber }: OrderShippedProps): string {
  return `Order ${orderNumber} has shipped`;
}

export default function OrderShipped({ brand, customerName, orderNumber, orderUrl, carrier, trackingNumber, trackingUrl }: OrderShippedProps) {
  return (
    <BrandedLayout brand={brand} preview={`Your order ${orderNumber} is on its way with ${carrier}.`}>
      <Title>Your order is on its way</Title>
      <Paragraph>Hello {customerName},</Paragraph>
      <Paragraph>Good news: your order {orderNumber} has left our warehouse and is on its way to you.</Paragraph>
      <FactList
        facts={[
          { label: 'Order number', value: orderNumber },
          { label: 'Carrier', value: carrier },
          { label: 'Tracking number', value: trackingNumber },
        ]}
      />
      {trackingUrl ? (
        <>
          <ActionButton brand={brand} href={trackingUrl}>
            Track your parcel
          </ActionButton>
          <Paragraph>
            <TextLink brand={brand} href={orderUrl}>
              View your order
            </TextLink>
          </Paragraph>
        </>
      ) : (
        <>
          <Paragraph>You can follow the parcel on the {carrier} website with the tracking number above.</Paragraph>
          <ActionButton brand={brand} href={orderUrl}>
            View your order
          </ActionButton>
        </>
      )}
      <Paragraph>Tyres and wheels are bulky: the carrier may need a signature, so please make sure someone can receive the delivery.</Paragraph>
    </BrandedLayout>
  );
}

OrderShipped.PreviewProps = {
  brand: previewBrand,
  customerName: 'Sam Peeters',
  orderNumber: 'ACM-10427',
  orderUrl: 'http://acme.localhost:3000/account/orders/ACM-10427',
  carrier: 'DHL Parcel',
  trackingNumber: 'JVGL0612345678901234',
  trackingUrl: 'https://www.dhl.com/be-en/home/tracking.html?tracking-id=JVGL0612345678901234',
} satisfies OrderShippedProps;
