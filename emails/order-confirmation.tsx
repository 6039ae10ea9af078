import type { EmailBrand } from '@/lib/email/brand';
import { BrandedLayout } from './components/branded-layout';
import { ActionButton, formatEmailDateTime, Paragraph, Title } from './components/email-parts';
import { AddressBlock, OrderSummary, type AddressLines, type OrderLineSummary, type OrderTotals } from './components/order-summary';
import { previewBrand } from './components/preview-brand';

export interface OrderConfirmationProps {
  brand: EmailBrand;
  customerName: string;
  orderNumber: string;
  orderUrl: string;
  lines: OrderLineSummary[];
  totals: OrderTotals;
  paymentMethod: 'card' | 'invoice';
  /** For a card order still awaiting payment: when the unpaid order is cancelled. */
  paymentDueBy: Date | null;
  shippingAddress: AddressLines;
}

export function subject({ brand, orderNumber }: OrderConfirmationProps): string {
  return `Order ${orderNumber} at ${brand.shopName}: thank you`;
}

function PaymentNote({ brand, paymentMethod, paymentDueBy }: Pick<OrderConfirmationProps, 'brand' | 'paymentMethod' | 'paymentDueBy'>) {
  if (paymentMethod === 'invoice') {
    return (
      <Paragraph>You chose to pay by invoice. We will send the invoice for this order separately; payment terms are as agreed with {brand.shopName}.</Paragraph>
    );
  }
  if (paymentDueBy) {
    return (
      <Paragraph>
        We have not received your card payment yet. We keep your order reserved until {formatEmailDateTime(paymentDueBy, brand.timeZone)}; if the payment has
        not arrived by then, the order is cancelled and nothing is charged.
      </Paragraph>
    );
  }
  return <Paragraph>You chose to pay by card. We will confirm by email as soon as your payment has arrived.</Paragraph>;
}

export default function OrderConfirmation({
  brand,
  customerName,
  orderNumber,
  orderUrl,
  lines,
  totals,
  paymentMethod,
  paymentDueBy,
  shippingAddress,
}: OrderConfirmationProps) {
  return (
    <BrandedLayout brand={brand} preview={`We received your order ${orderNumber}. Total ${totals.gross}.`}>
      <Title>Thank you for your order</Title>
      <Paragraph>Hello {customerName},</Paragraph>
      <Paragraph>
        Thank you for ordering at {brand.shopName}. We received your order {orderNumber}; here is a summary.
      </Paragraph>
      <OrderSummary lines={lines} totals={totals} />
      <PaymentNote brand={brand} paymentMethod={paymentMethod} paymentDueBy={paymentDueBy} />
      <AddressBlock title="Shipping to" address={shippingAddress} />
      <ActionButton brand={brand} href={orderUrl}>
        View your order
      </ActionButton>
      <Paragraph>We will email you again when your order ships, with the tracking number.</Paragraph>
    </BrandedLayout>
  );
}

OrderConfirmation.PreviewProps = {
  brand: previewBrand,
  customerName: 'Sam Peeters',
  orderNumber: 'ACM-10427',
  orderUrl: 'http://acme.localhost:3000/account/orders/ACM-10427',
  lines: [
    { name: 'Michelin Pilot Sport 5 225/40 R18 92Y XL', sku: 'MIC-PS5-2254018', quantity: 4, lineTotal: '€759.60' },
    { name: 'BBS CH-R 8.5x19 ET35 5x112 satin black', sku: 'BBS-CHR-8519-35', quantity: 4, lineTotal: '€2,396.00' },
    { name: 'TPMS sensor, programmable', sku: 'TPMS-UNI-433', quantity: 4, lineTotal: '€159.80' },
  ],
  totals: {
    net: '€3,165.40',
    vat: '€0.00',
    gross: '€3,165.40',
    discount: '€150.00',
    pricesIncludeVat: false,
    vatNote: 'VAT reverse-charged (Art. 196 VAT Directive)',
  },
  paymentMethod: 'card',
  paymentDueBy: new Date('2026-03-14T13:30:00Z'),
  shippingAddress: {
    recipient: 'Peeters Banden BV',
    line1: 'Industrieweg 12',
    line2: 'Hal 3',
    postalCode: '2800',
    city: 'Mechelen',
    countryCode: 'BE',
  },
} satisfies OrderConfirmationProps;
