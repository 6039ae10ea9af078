import type { EmailBrand } from '@/lib/email/brand';
import { BrandedLayout } from './components/branded-layout';
import { ActionButton, Paragraph, Title } from './components/email-parts';
import { FactList } from './components/order-summary';
import { previewBrand } from './components/preview-brand';

type OwnerOrderEvent = 'placed' | 'paid' | 'cancelled' | 'shipped' | 'refunded';

export interface OwnerOrderNotificationProps {
  brand: EmailBrand;
  orderNumber: string;
  customerName: string;
  customerEmail: string;
  event: OwnerOrderEvent;
  /** The order total, or for `refunded` the refunded amount. */
  amount: string;
  dashboardUrl: string;
  /** Extra context from the workflow, e.g. why an order was cancelled. */
  detail: string | null;
}

export function subject({ brand, orderNumber, event, amount }: OwnerOrderNotificationProps): string {
  const prefix = `[${brand.shopName}]`;
  switch (event) {
    case 'placed':
      return `${prefix} New order ${orderNumber} (${amount})`;
    case 'paid':
      return `${prefix} Order ${orderNumber} paid`;
    case 'cancelled':
      return `${prefix} Order ${orderNumber} cancelled`;
    case 'shipped':
      return `${prefix} Order ${orderNumber} shipped`;
    case 'refunded':
      // Money went back out, which usually means stock or the customer needs a follow-up.
      return `${prefix} Order ${orderNumber} refunded — action may be needed`;
  }
}

const titles: Record<OwnerOrderEvent, string> = {
  placed: 'New order',
  paid: 'Order paid',
  cancelled: 'Order cancelled',
  shipped: 'Order shipped',
  refunded: 'Order refunded',
};

function summary({ orderNumber, customerName, event, amount }: OwnerOrderNotificationProps): string {
  switch (event) {
    case 'placed':
      return `${customerName} placed order ${orderNumber} for ${amount}.`;
    case 'paid':
      return `The payment of ${amount} for order ${orderNumber} from ${customerName} has arrived. The order can be prepared for shipping.`;
    case 'cancelled':
      return `Order ${orderNumber} from ${customerName} (${amount}) was cancelled.`;
    case 'shipped':
      return `Order ${orderNumber} from ${customerName} (${amount}) has been handed to the carrier.`;
    case 'refunded':
      return `${amount} was refunded to ${customerName} for order ${orderNumber}. Please check whether stock, the customer or the invoice need a follow-up.`;
  }
}

export default function OwnerOrderNotification(props: OwnerOrderNotificationProps) {
  const { brand, orderNumber, customerName, customerEmail, event, amount, dashboardUrl, detail } = props;
  const text = summary(props);
  return (
    <BrandedLayout brand={brand} preview={text} footer={<>You receive this email because you manage {brand.shopName}.</>}>
      <Title>
        {titles[event]} {orderNumber}
      </Title>
      <Paragraph>{text}</Paragraph>
      <FactList
        facts={[
          { label: 'Order number', value: orderNumber },
          { label: 'Customer', value: customerName },
          { label: 'Customer email', value: customerEmail },
          { label: event === 'refunded' ? 'Refunded' : 'Amount', value: amount },
        ]}
      />
      {detail ? <Paragraph>Details: {detail}</Paragraph> : null}
      <ActionButton brand={brand} href={dashboardUrl}>
        Open the order in your dashboard
      </ActionButton>
    </BrandedLayout>
  );
}

OwnerOrderNotification.PreviewProps = {
  brand: previewBrand,
  orderNumber: 'ACM-10427',
  customerName: 'Sam Peeters',
  customerEmail: 'sam@peeters-banden.be',
  event: 'placed',
  amount: '€3,165.40',
  dashboardUrl: 'http://acme.localhost:3000/dashboard/orders/ACM-10427',
  detail: 'Paid by card; payment pending until 14 March 2026, 13:30 UTC.',
} satisfies OwnerOrderNotificationProps;
