import { expect, test, type Browser, type Page } from '@playwright/test';
import { signSandboxWebhook } from '@/lib/payments/sandbox-signature';
import { addAddress, main, register, uniqueEmail } from './support/accounts';
import { waitForHydration } from './support/catalog';
import { signInAsAdmin } from './support/admin';
import { signInToDashboard } from './support/dashboard';
import { E2E_PORT, shopUrl } from './support/hosts';
import { raw } from './support/raw-http';
import { e2eSecrets } from './support/secrets';
import { addFirstProductToCart } from './support/cart';

/**
 * A buyer opens the payment page of one order twice (two tabs) and tries to pay both. The older page no
 * longer takes money; when the provider captures it all the same (its signed webhook arrives), the money
 * goes back automatically and the owner's dashboard lists the refund.
 */

const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

async function placeCardOrder(page: Page): Promise<void> {
  await register(page, 'consumer', { name: 'Twice Tine', email: uniqueEmail('twice'), password: 'correct horse battery' });
  await addAddress(page, { recipient: 'Tine Peeters', street: 'Meir 2', postalCode: '2000', city: 'Antwerpen' });
  await addFirstProductToCart(page, 'consumer', '/products?stock=1');
  await page.goto(shopUrl('consumer', '/checkout'));
  const place = main(page).getByRole('button', { name: /Place order/ });
  await waitForHydration(place);
  await place.click();
  await expect(page).toHaveURL(/\/pay\/sandbox\/[0-9a-f-]{36}$/);
}

const paymentIdOf = (page: Page) => /\/pay\/sandbox\/([0-9a-f-]{36})$/.exec(page.url())![1]!;

test('a buyer pays one order in two tabs: the first page refuses, the provider’s extra capture is refunded and shown', async ({ page, browser }) => {
  test.setTimeout(150_000);
  await placeCardOrder(page);
  const first = paymentIdOf(page);

  // A second tab: the order page, "Pay now" again.
  const second = await page.context().newPage();
  await second.goto(shopUrl('consumer', '/account/orders'));
  await second.locator('main a[href^="/account/orders/"]').first().click();
  await expect(second).toHaveURL(/\/account\/orders\/\d+$/);
  const number = /\/account\/orders\/(\d+)/.exec(second.url())![1]!;
  const payNow = main(second).getByRole('button', { name: 'Pay now' });
  await waitForHydration(payNow);
  await payNow.click();
  await expect(second).toHaveURL(/\/pay\/sandbox\/[0-9a-f-]{36}$/);
  expect(paymentIdOf(second)).not.toBe(first);

  // The first tab, still showing its Pay button: the payment was replaced and takes no money.
  await main(page).getByRole('button', { name: /^Pay / }).click();
  await expect(page).toHaveURL(new RegExp(`/account/orders/${number}\\?payment=voided$`));
  await expect(main(page).getByTestId('payment-voided')).toContainText('replaced by a newer one');
  await expect(main(page).getByTestId('order-status')).toHaveText('Awaiting payment');
  await page.goto(shopUrl('consumer', `/pay/sandbox/${first}`));
  await expect(main(page).getByTestId('payment-closed')).toContainText('can no longer be made');
  await expect(main(page).getByRole('button', { name: /^Pay / })).toHaveCount(0);
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/payment-voided.png`, fullPage: true });

  await main(second).getByRole('button', { name: /^Pay / }).click();
  await expect(second).toHaveURL(/\/account\/orders\/\d+\?placed=1$/);
  await expect(main(second).getByTestId('order-status')).toHaveText(/^(Paid|Being prepared|Shipped)$/);

  // The provider captures the voided payment all the same and says so in a signed webhook.
  const tenantId = await consumerTenantId(browser);
  const body = JSON.stringify({
    id: `evt_${first}_late_capture`,
    type: 'payment.succeeded',
    created: Math.floor(Date.now() / 1000),
    tenant_id: tenantId,
    data: { paymentId: first },
  });
  const delivered = await raw({
    method: 'POST',
    path: '/api/webhooks/payments/sandbox',
    headers: {
      host: `consumer.localhost:${E2E_PORT}`,
      'content-type': 'application/json',
      'sandbox-signature': signSandboxWebhook(body, { secret: e2eSecrets(E2E_PORT).PAYMENT_SANDBOX_WEBHOOK_SECRET }),
    },
    body,
  });
  expect(delivered.status).toBe(200);

  const staff = await (await browser.newContext()).newPage();
  await signInToDashboard(staff, 'consumer', `/dashboard/orders/${number}`);
  await expect(async () => {
    await staff.reload();
    await expect(main(staff).getByTestId('order-refund')).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 40_000 });
  await expect(main(staff).getByTestId('order-refund')).toContainText('already paid with another payment');
  await expect(main(staff).getByTestId('extra-payment')).toContainText('Extra payment the order did not need: refunded automatically');
  await expect(main(staff).getByTestId('order-timeline')).toContainText('Extra card payment captured');
  await expect(main(staff).getByTestId('order-timeline')).toContainText('Extra card payment refunded automatically');
  await expect(main(staff).getByTestId('order-status')).not.toHaveText('Refunded');
  if (SCREENSHOTS) {
    await staff.screenshot({ path: `${SCREENSHOTS}/dashboard-extra-refund-desktop.png`, fullPage: true });
    await staff.setViewportSize({ width: 390, height: 844 });
    await staff.screenshot({ path: `${SCREENSHOTS}/dashboard-extra-refund-phone.png`, fullPage: true });
  }

  // The buyer sees it too.
  await second.goto(shopUrl('consumer', `/account/orders/${number}`));
  await expect(main(second).getByTestId('order-refund')).toContainText('already paid with another payment');
  await expect(main(second).getByText('Extra payment refunded')).toBeVisible();
  if (SCREENSHOTS) {
    await second.setViewportSize({ width: 390, height: 844 });
    await second.screenshot({ path: `${SCREENSHOTS}/buyer-extra-refund-phone.png`, fullPage: true });
  }
});

/** The shop's tenant id, as the provider knows it (sandbox webhooks name their tenant): the console links it. */
async function consumerTenantId(browser: Browser): Promise<string> {
  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  const href = await admin.locator('main').getByRole('link', { name: 'TyreDirect', exact: true }).first().getAttribute('href');
  await admin.context().close();
  return /\/tenants\/([0-9a-f-]{36})/.exec(href ?? '')![1]!;
}
