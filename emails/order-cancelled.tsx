import type { EmailBrand } from '@/lib/email/brand';
import { BrandedLayout } from './components/branded-layout';
import { ActionButton, Paragraph, TextLink, Title } from './components/email-parts';
import { previewBrand } from './components/preview-brand';

export interface OrderCancelledProps {
  brand: EmailBrand;
  customerName: string;
  orderNumber: string;
  orderUrl: string;
  /**
   * `fulfilment_failed` only happens to invoice orders, which have not been paid; `cancelled_by_shop` only
   * before a payment arrived (one that arrives later is refunded).
   */
  reason: 'payment_timeout' | 'fulfilment_failed' | 'cancelled_by_shop';
  /** How long a card payment was waited for; null when unknown. */
  timeoutMinutes: number | null;
  shopUrl: string;
}

export function subject({ orderNumber }: OrderCancelledProps): string {
  return `Order ${orderNumber} was cancelled`;
}

export default function OrderCancelled({ brand, customerName, orderNumber, orderUrl, reason, timeoutMinutes, shopUrl }: OrderCancelledProps) {
  const paymentWindow = timeoutMinutes === null ? 'in time' : `within ${timeoutMinutes} minutes`;
  return (
    <BrandedLayout brand={brand} preview={`Your order ${orderNumber} at ${brand.shopName} was cancelled.`}>
      <Title>Your order was cancelled</Title>
      <Paragraph>Hello {customerName},</Paragraph>
      {reason === 'payment_timeout' ? (
        <>
          <Paragraph>
            We did not receive the payment for your order {orderNumber} {paymentWindow} of placing it, so we have cancelled the order and released the reserved
            items.
          </Paragraph>
          <Paragraph>Nothing has been charged. If you still want these items, you are welcome to order again.</Paragraph>
          <ActionButton brand={brand} href={shopUrl}>
            Order again
          </ActionButton>
        </>
      ) : reason === 'cancelled_by_shop' ? (
        <>
          <Paragraph>
            We have cancelled your order {orderNumber}. Nothing has been charged, and nothing will be invoiced for it. If a card payment for it still reaches
            us, we refund it in full automatically.
          </Paragraph>
          <Paragraph>Questions about this? Reply to this email and we will gladly help.</Paragraph>
          <ActionButton brand={brand} href={shopUrl}>
            Visit the shop
          </ActionButton>
        </>
      ) : (
        <>
          <Paragraph>
            We are sorry: our warehouse could not ship your order {orderNumber}, so we had to cancel it. Nothing will be invoiced for this order.
          </Paragraph>
          <Paragraph>If you still need tyres or wheels for this job, reply to this email and we will gladly help you find an alternative.</Paragraph>
          <ActionButton brand={brand} href={shopUrl}>
            Visit the shop
          </ActionButton>
        </>
      )}
      <Paragraph>
        <TextLink brand={brand} href={orderUrl}>
          View the cancelled order
        </TextLink>
      </Paragraph>
    </BrandedLayout>
  );
}

OrderCancelled.PreviewProps = {
  brand: previewBrand,
  customerName: 'Sam Peeters',
  orderNumber: 'ACM-10427',
  orderUrl: 'http://acme.localhost:3000/account/orders/ACM-10427',
  reason: 'payment_timeout',
  timeoutMinutes: 30,
  shopUrl: 'http://acme.localhost:3000',
} satisfies OrderCancelledProps;
