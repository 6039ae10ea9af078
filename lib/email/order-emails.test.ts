import { describe, expect, it } from 'vitest';
import type { EmailBrand } from './brand';
import { renderEmail } from './render-email';
import type { TemplateProps } from './templates';

const brand: EmailBrand = {
  shopName: 'ACME Wheels',
  logoUrl: null,
  primaryColor: '#b91c1c',
  accentColor: '#111827',
  shopUrl: 'https://acme.storefleet.test',
  timeZone: 'Europe/Brussels',
};

const orderUrl = 'https://acme.storefleet.test/account/orders/ACM-10427';

const confirmation: TemplateProps<'order-confirmation'> = {
  brand,
  customerName: 'Sam Peeters',
  orderNumber: 'ACM-10427',
  orderUrl,
  lines: [
    { name: 'Michelin Pilot Sport 5 225/40 R18 92Y XL', sku: 'MIC-PS5-2254018', quantity: 4, lineTotal: '€759.60' },
    { name: 'BBS CH-R 8.5x19 ET35 5x112', sku: 'BBS-CHR-8519-35', quantity: 4, lineTotal: '€2,396.00' },
    { name: 'TPMS sensor, programmable', sku: 'TPMS-UNI-433', quantity: 2, lineTotal: '€79.90' },
  ],
  totals: { net: '€3,235.50', vat: '€679.46', gross: '€3,914.96', discount: null, pricesIncludeVat: false, vatNote: null },
  paymentMethod: 'card',
  paymentDueBy: new Date('2026-03-14T13:30:00Z'),
  shippingAddress: { recipient: 'Peeters Banden BV', line1: 'Industrieweg 12', line2: 'Hal 3', postalCode: '2800', city: 'Mechelen', countryCode: 'BE' },
};

/** Line breaks and column padding differ between HTML and text; compare words only. */
function squash(text: string): string {
  return text.replace(/\s+/g, ' ');
}

describe('order confirmation', () => {
  it('thanks the customer in the shop colours and lists every line with the totals', async () => {
    const email = await renderEmail('order-confirmation', confirmation);
    expect(email.subject).toBe('Order ACM-10427 at ACME Wheels: thank you');
    expect(email.html).toContain('ACME Wheels');
    expect(email.html).toContain('#b91c1c');
    for (const line of confirmation.lines) {
      expect(email.html).toContain(line.name);
      expect(email.html).toContain(line.sku);
      expect(email.html).toContain(line.lineTotal);
      expect(email.text).toContain(line.name);
      expect(email.text).toContain(line.lineTotal);
    }
    expect(email.text).toMatch(/Subtotal excl\. VAT\s+€3,235\.50/);
    expect(email.text).toMatch(/VAT\s+€679\.46/);
    expect(email.text).toMatch(/Total incl\. VAT\s+€3,914\.96/);
    expect(email.html).toContain(`href="${orderUrl}"`);
    expect(email.text).toContain(orderUrl);
  });

  it('keeps each line on one row of the plain-text table', async () => {
    const email = await renderEmail('order-confirmation', confirmation);
    expect(email.text).toMatch(/Michelin Pilot Sport 5 225\/40 R18 92Y XL\s+4\s+€759\.60/);
    expect(email.text).toMatch(/TPMS sensor, programmable\s+2\s+€79\.90/);
  });

  it('shows the shipping address with the country written out', async () => {
    const email = await renderEmail('order-confirmation', confirmation);
    expect(squash(email.text)).toContain('Peeters Banden BV Industrieweg 12 Hal 3 2800 Mechelen Belgium');
    const noLine2 = await renderEmail('order-confirmation', { ...confirmation, shippingAddress: { ...confirmation.shippingAddress, line2: null } });
    expect(squash(noLine2.text)).toContain('Industrieweg 12 2800 Mechelen');
  });

  it('tells a card customer the payment is pending and until when the order is kept', async () => {
    const email = await renderEmail('order-confirmation', confirmation);
    expect(email.text).toMatch(/not received your card payment yet/);
    // In the shop's time zone, named: 13:30 UTC is 14:30 in Brussels in winter.
    expect(email.text).toContain('reserved until 14 March 2026 at 14:30 CET');
    expect(email.text).not.toMatch(/invoice/i);
  });

  it('tells an invoice customer an invoice follows instead of asking for payment', async () => {
    const email = await renderEmail('order-confirmation', { ...confirmation, paymentMethod: 'invoice', paymentDueBy: null });
    expect(email.text).toMatch(/send the invoice for this order separately/);
    expect(email.text).toMatch(/payment terms are as agreed with ACME Wheels/);
    expect(email.text).not.toMatch(/card payment|reserved until/);
  });

  it('shows a consumer total with the VAT it includes, a discount, and the VAT note', async () => {
    const email = await renderEmail('order-confirmation', {
      ...confirmation,
      totals: {
        net: '€2,665.70',
        vat: '€559.80',
        gross: '€3,225.50',
        discount: '€150.00',
        pricesIncludeVat: true,
        vatNote: 'VAT reverse-charged (Art. 196 VAT Directive)',
      },
    });
    expect(email.text).toMatch(/Discount\s+−€150\.00/);
    expect(email.text).toMatch(/Total\s+€3,225\.50/);
    expect(email.text).toMatch(/Including VAT\s+€559\.80/);
    expect(email.text).not.toMatch(/Subtotal excl\. VAT/);
    expect(email.text).toContain('VAT reverse-charged (Art. 196 VAT Directive)');
  });

  it('does not double the minus of a discount formatted as a negative amount', async () => {
    const email = await renderEmail('order-confirmation', { ...confirmation, totals: { ...confirmation.totals, discount: '-€150.00' } });
    expect(email.text).toMatch(/Discount\s+−€150\.00/);
    expect(email.text).not.toContain('−-');
    expect(email.text).not.toContain('−−');
  });

  it('escapes customer and product text instead of rendering it as markup', async () => {
    const email = await renderEmail('order-confirmation', {
      ...confirmation,
      customerName: '<script>alert(1)</script>',
      lines: [{ name: '<img src=x onerror=alert(1)>', sku: '<b>sku</b>', quantity: 1, lineTotal: '€1.00' }],
      shippingAddress: { ...confirmation.shippingAddress, recipient: '<i>evil</i>' },
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img src=x');
    expect(email.html).not.toContain('<b>sku</b>');
    expect(email.html).not.toContain('<i>evil</i>');
    expect(email.html).toContain('&lt;script&gt;');
  });
});

describe('payment received', () => {
  it('confirms the amount and that the order is being prepared', async () => {
    const email = await renderEmail('payment-received', { brand, customerName: 'Sam', orderNumber: 'ACM-10427', orderUrl, amount: '€3,914.96' });
    expect(email.subject).toBe('Payment received for order ACM-10427');
    expect(email.html).toContain('#b91c1c');
    expect(email.text).toMatch(/Amount paid\s+€3,914\.96/);
    expect(email.text).toContain('ACM-10427');
    expect(email.text).toMatch(/being prepared for shipping/);
    expect(email.text).toContain(orderUrl);
  });
});

describe('order cancelled', () => {
  const base: TemplateProps<'order-cancelled'> = {
    brand,
    customerName: 'Sam',
    orderNumber: 'ACM-10427',
    orderUrl,
    reason: 'payment_timeout',
    timeoutMinutes: 30,
    shopUrl: 'https://acme.storefleet.test',
  };

  it('after a payment timeout: says how long was waited, nothing was charged, and offers to order again', async () => {
    const email = await renderEmail('order-cancelled', base);
    expect(email.subject).toBe('Order ACM-10427 was cancelled');
    expect(email.text).toMatch(/did not receive the payment for your order ACM-10427 within 30 minutes/);
    expect(email.text).toMatch(/Nothing has been charged/);
    expect(email.html).toContain('href="https://acme.storefleet.test"');
    expect(email.text).toMatch(/Order again/);
    expect(email.text).not.toMatch(/invoiced/);
  });

  it('without a known timeout still reads as a sentence', async () => {
    const email = await renderEmail('order-cancelled', { ...base, timeoutMinutes: null });
    expect(email.text).toMatch(/did not receive the payment for your order ACM-10427 in time/);
    expect(email.text).not.toMatch(/null/);
  });

  it('when the warehouse could not ship: apologises and says nothing is invoiced', async () => {
    const email = await renderEmail('order-cancelled', { ...base, reason: 'fulfilment_failed', timeoutMinutes: null });
    expect(email.text).toMatch(/We are sorry: our warehouse could not ship your order ACM-10427/);
    expect(email.text).toMatch(/Nothing will be invoiced/);
    expect(email.text).not.toMatch(/minutes|charged/);
    expect(email.text).toContain(orderUrl);
  });
});

describe('order shipped', () => {
  const base: TemplateProps<'order-shipped'> = {
    brand,
    customerName: 'Sam',
    orderNumber: 'ACM-10427',
    orderUrl,
    carrier: 'DHL Parcel',
    trackingNumber: 'JVGL0612345678901234',
    trackingUrl: 'https://www.dhl.com/track?id=JVGL0612345678901234&lang=en',
  };

  it('shows carrier and tracking number with a tracking button', async () => {
    const email = await renderEmail('order-shipped', base);
    expect(email.subject).toBe('Order ACM-10427 has shipped');
    expect(email.text).toMatch(/Carrier\s+DHL Parcel/);
    expect(email.text).toMatch(/Tracking number\s+JVGL0612345678901234/);
    expect(email.text).toMatch(/Track your parcel/);
    expect(email.html).toContain('href="https://www.dhl.com/track?id=JVGL0612345678901234&amp;lang=en"');
    expect(email.text).toContain('https://www.dhl.com/track?id=JVGL0612345678901234&lang=en');
    expect(email.text).toContain(orderUrl);
    expect(email.html).toContain('#b91c1c');
  });

  it('without a tracking link shows the number but no tracking button', async () => {
    const email = await renderEmail('order-shipped', { ...base, trackingUrl: null });
    expect(email.text).toContain('JVGL0612345678901234');
    expect(email.text).not.toMatch(/Track your parcel/);
    expect(email.html).toContain(`href="${orderUrl}"`);
  });
});

describe('order refunded', () => {
  it('states the amount, where it goes, the reason and how long it takes', async () => {
    const email = await renderEmail('order-refunded', {
      brand,
      customerName: 'Sam',
      orderNumber: 'ACM-10427',
      orderUrl,
      amount: '€3,914.96',
      reason: 'The warehouse could not ship your order.',
    });
    expect(email.subject).toBe('Refund for order ACM-10427');
    expect(email.text).toMatch(/refunded €3,914\.96 for order ACM-10427 to your original payment method/);
    expect(email.text).toContain('The warehouse could not ship your order.');
    expect(email.text).toMatch(/5–10 business days/);
  });
});

describe('owner order notification', () => {
  const base: TemplateProps<'owner-order-notification'> = {
    brand,
    orderNumber: 'ACM-10427',
    customerName: 'Sam Peeters',
    customerEmail: 'sam@peeters-banden.be',
    event: 'placed',
    amount: '€3,914.96',
    dashboardUrl: 'https://acme.storefleet.test/dashboard/orders/ACM-10427',
    detail: null,
  };

  it('has a subject per event, prefixed with the shop name', async () => {
    const subjects = await Promise.all(
      (['placed', 'paid', 'cancelled', 'shipped', 'refunded'] as const).map(
        async (event) => (await renderEmail('owner-order-notification', { ...base, event })).subject,
      ),
    );
    expect(subjects).toEqual([
      '[ACME Wheels] New order ACM-10427 (€3,914.96)',
      '[ACME Wheels] Order ACM-10427 paid',
      '[ACME Wheels] Order ACM-10427 cancelled',
      '[ACME Wheels] Order ACM-10427 shipped',
      '[ACME Wheels] Order ACM-10427 refunded — action may be needed',
    ]);
  });

  it('summarises the order and links to it in the dashboard', async () => {
    const email = await renderEmail('owner-order-notification', base);
    expect(email.text).toMatch(/Sam Peeters placed order ACM-10427 for €3,914\.96/);
    expect(email.text).toMatch(/Customer email\s+sam@peeters-banden\.be/);
    expect(email.html).toContain(`href="${base.dashboardUrl}"`);
    expect(email.text).toContain(base.dashboardUrl);
    expect(email.text).not.toMatch(/Details:/);
    // The customer footer ("you have an account") would be wrong for the owner.
    expect(email.text).toContain('You receive this email because you manage ACME Wheels.');
    expect(email.text).not.toMatch(/you have an account/);
  });

  it('shows the detail when present and escapes it', async () => {
    const email = await renderEmail('owner-order-notification', { ...base, event: 'refunded', detail: 'Warehouse reported <b>no stock</b>.' });
    expect(email.text).toContain('Details: Warehouse reported <b>no stock</b>.');
    expect(email.html).not.toContain('<b>no stock</b>');
    expect(email.text).toMatch(/Refunded\s+€3,914\.96/);
  });

  it('keeps a crafted customer name out of the markup and the subject on one line', async () => {
    const email = await renderEmail('owner-order-notification', { ...base, customerName: '<script>x</script>', orderNumber: 'A\r\nBcc: x@evil.test' });
    expect(email.html).not.toContain('<script>');
    expect(email.subject).not.toMatch(/[\r\n]/);
  });
});
