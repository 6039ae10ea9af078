import { expect, test, type Page } from '@playwright/test';
import { addAddress, main, register, uniqueEmail } from './support/accounts';
import { waitForHydration } from './support/catalog';
import { shopUrl } from './support/hosts';
import { latestEmailTo } from './support/mailbox';
import { signInToDashboard } from './support/dashboard';
import { addFirstProductToCart } from './support/cart';

/*
 * The owner's side of an order, end to end: a customer checks out at acme, the workflow (on the test
 * executor) ships it, and the owner finds it in the dashboard, reads its timeline and acts on it: marks
 * an invoice paid, or refunds a card order. Both actions go through the workflow's functions.
 */
const OWNER = { email: 'owner@acme.test', password: 'storefleet-demo' };
// Set to a folder to keep screenshots of the pages (desktop and phone widths).
const SCREENSHOTS = process.env.DASHBOARD_SCREENSHOTS;

/** A new Belgian business (auto-approved at acme) orders one Michelin tyre; returns the order number. */
async function customerOrders(page: Page, email: string, method: 'invoice' | 'card', reference: string): Promise<string> {
  await register(page, 'acme', {
    name: 'Dirk Dashboard',
    email,
    password: 'correct horse battery',
    companyName: 'Dirk Banden BV',
    vatNumber: 'BE0417497106',
    countryCode: 'BE',
  });
  await addAddress(page, { recipient: 'Dirk Banden BV', street: 'Kouter 7', postalCode: '9000', city: 'Gent' });

  await addFirstProductToCart(page, 'acme', '/products?brand=michelin&stock=1');

  await page.goto(shopUrl('acme', '/checkout'));
  const place = main(page).getByRole('button', { name: /Place order/ });
  await waitForHydration(place);
  await main(page).getByLabel('Your reference (optional)').fill(reference);
  await main(page)
    .getByLabel(method === 'invoice' ? 'On invoice (pay within 30 days)' : 'Card (secure payment page)')
    .check();
  await place.click();
  if (method === 'card') {
    await expect(page).toHaveURL(/\/pay\/sandbox\/[0-9a-f-]{36}$/);
    await main(page).getByRole('button', { name: /^Pay / }).click();
  }
  await expect(page).toHaveURL(/\/account\/orders\/\d+\?placed=1$/);
  return /\/account\/orders\/(\d+)/.exec(page.url())![1]!;
}

/** Reloads the order page until the workflow has moved the order to this status. */
async function waitForStatus(page: Page, status: string): Promise<void> {
  await expect(async () => {
    await page.reload();
    await expect(main(page).getByTestId('order-status')).toHaveText(status, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

const timeline = (page: Page) => main(page).getByTestId('order-timeline');

test.describe('Dashboard orders', () => {
  test('the owner finds an invoice order, reads its timeline and marks the invoice paid', async ({ page, browser }) => {
    test.setTimeout(120_000);
    const email = uniqueEmail('dash-invoice');
    const reference = `PO-${Date.now()}`;
    const number = await customerOrders(page, email, 'invoice', reference);

    const staff = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signInToDashboard(staff, 'acme', '/dashboard/orders');
    await expect(main(staff).getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
    await expect(staff.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Orders' })).toHaveAttribute('aria-current', 'page');
    await expect(main(staff).getByTestId('dashboard-order-row').first()).toBeVisible();

    // Search by the buyer's reference, then by email with the invoice filter.
    await main(staff).getByLabel('Search').fill(reference);
    await main(staff).getByRole('button', { name: 'Apply' }).click();
    await expect(staff).toHaveURL(/[?&]q=PO-/);
    await expect(main(staff).getByTestId('dashboard-order-row')).toHaveCount(1);
    await expect(main(staff).getByTestId('dashboard-order-row')).toContainText(`#${number}`);
    await main(staff).getByLabel('Search').fill(email);
    await main(staff).getByLabel('Payment').selectOption('card');
    await main(staff).getByRole('button', { name: 'Apply' }).click();
    await expect(main(staff).getByTestId('orders-empty')).toContainText('No orders match these filters');
    await main(staff).getByLabel('Payment').selectOption('invoice');
    await main(staff).getByRole('button', { name: 'Apply' }).click();
    await expect(main(staff).getByTestId('dashboard-order-row')).toHaveCount(1);

    await staff.goto(shopUrl('acme', `/dashboard/orders/${number}`));
    await expect(main(staff).getByRole('heading', { level: 1 })).toHaveText(`Order ${number}`);
    await waitForStatus(staff, 'Shipped');
    await expect(main(staff).getByTestId('order-customer')).toHaveAttribute('href', /\/dashboard\/customers\/[0-9a-f-]{36}$/);
    await expect(main(staff).getByText(`Customer reference: ${reference}`)).toBeVisible();
    await expect(main(staff).getByTestId('order-shipment')).toContainText(/tracking SBX\d{12}/);
    await expect(timeline(staff).getByTestId('timeline-entry').first()).toContainText('Order placed');
    await expect(timeline(staff)).toContainText('Sent to the warehouse');
    await expect(timeline(staff)).toContainText(/Shipped.*tracking SBX\d{12}/s);
    // Nothing to cancel or refund on a shipped invoice order; only the payment to record.
    await expect(main(staff).getByText('Cancel order…')).toHaveCount(0);
    await expect(main(staff).getByText('Refund…')).toHaveCount(0);

    await main(staff).getByText('Mark invoice paid…').click();
    const confirm = main(staff).getByRole('button', { name: 'Yes, mark paid' });
    await waitForHydration(confirm);
    await confirm.click();
    await expect(main(staff).getByTestId('action-outcome')).toContainText('The invoice is marked paid');
    await expect(main(staff).getByTestId('order-status')).toHaveText('Shipped');
    await expect(main(staff).getByTestId('order-payment')).toContainText(/Invoice.*Captured/s);
    await expect(timeline(staff).getByTestId('timeline-entry').last()).toContainText(`Invoice marked paid`);
    await expect(timeline(staff).getByTestId('timeline-entry').last()).toContainText(OWNER.email);
    await expect(main(staff).getByText('Mark invoice paid…')).toHaveCount(0);
    await latestEmailTo(email, { subject: `Payment received for order ${number}`, timeout: 20_000 });

    if (SCREENSHOTS) {
      await staff.screenshot({ path: `${SCREENSHOTS}/order-detail-desktop.png`, fullPage: true });
      await staff.goto(shopUrl('acme', '/dashboard/orders'));
      await staff.screenshot({ path: `${SCREENSHOTS}/orders-list-desktop.png`, fullPage: true });
      await staff.setViewportSize({ width: 390, height: 844 });
      await staff.screenshot({ path: `${SCREENSHOTS}/orders-list-phone.png`, fullPage: true });
      await staff.goto(shopUrl('acme', `/dashboard/orders/${number}`));
      await staff.screenshot({ path: `${SCREENSHOTS}/order-detail-phone.png`, fullPage: true });
    }
  });

  test('the owner refunds a shipped card order and the customer sees the refund', async ({ page, browser }) => {
    test.setTimeout(120_000);
    const email = uniqueEmail('dash-refund');
    const number = await customerOrders(page, email, 'card', `R-${Date.now()}`);
    await waitForStatus(page, 'Shipped');

    const staff = await (await browser.newContext()).newPage();
    await signInToDashboard(staff, 'acme', `/dashboard/orders/${number}`);
    await expect(timeline(staff)).toContainText('Card payment received');
    await expect(main(staff).getByTestId('order-payment')).toContainText('Captured');

    await main(staff).getByText('Refund…').click();
    const confirm = main(staff).getByRole('button', { name: 'Yes, refund' });
    await waitForHydration(confirm);
    await main(staff).getByLabel('Reason (shown to the customer)').fill('Returned unused, as agreed by phone.');
    if (SCREENSHOTS) await staff.screenshot({ path: `${SCREENSHOTS}/order-refund-confirm-desktop.png`, fullPage: true });
    await confirm.click();
    await expect(main(staff).getByTestId('action-outcome')).toContainText('The refund is requested');
    await expect(timeline(staff)).toContainText('Refund requested');

    await waitForStatus(staff, 'Refunded');
    await expect(main(staff).getByTestId('refund-pending')).toHaveCount(0);
    await expect(main(staff).getByTestId('order-refund')).toContainText('Returned unused, as agreed by phone.');
    await expect(main(staff).getByTestId('order-payment')).toContainText('Refunded');
    await expect(timeline(staff).getByTestId('timeline-entry').last()).toContainText('Refunded');
    await expect(main(staff).getByText('Refund…')).toHaveCount(0);
    const refunded = await latestEmailTo(email, { subject: /refund/i, timeout: 20_000 });
    expect(refunded.html).toContain('Returned unused, as agreed by phone.');

    await page.reload();
    await expect(main(page).getByTestId('order-refund')).toContainText('Returned unused, as agreed by phone.');
  });
});
