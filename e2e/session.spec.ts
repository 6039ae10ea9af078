import { test, expect, type Page } from '@playwright/test';
import { field, formAlert, main, openProductPage, orderBlocked, register, signOut, submitSignIn, uniqueEmail, type NewCustomer } from './support/accounts';
import { waitForHydration } from './support/catalog';
import { E2E_PORT, shopUrl } from './support/hosts';
import { emailsTo, latestEmailTo, linkIn } from './support/mailbox';

const NOT_CORRECT = 'The email address or password is not correct.';
const TOO_MANY = 'Too many sign-in attempts. Please wait 15 minutes and try again.';

/** A TyreDirect customer: the open B2C shop, so every account is active at once. */
function shopper(slug: string): NewCustomer {
  return { name: 'Lotte Janssens', email: uniqueEmail(slug), password: 'first-password-123' };
}

const isPath = (shop: string, pathname: string) => (url: URL) => url.host === `${shop}.localhost:${E2E_PORT}` && url.pathname === pathname;

/** One sign-in attempt on the open sign-in page that is expected to fail; returns once the shop has answered. */
async function failedSignIn(page: Page, email: string, password: string): Promise<void> {
  const submit = main(page).getByRole('button', { name: 'Sign in' });
  await waitForHydration(submit);
  await field(page, 'email').fill(email);
  await field(page, 'password').fill(password);
  await submit.click();
  // The answer has arrived once the form is reset: the password is never sent back.
  await expect(field(page, 'password')).toHaveValue('');
  await expect(submit).toBeEnabled();
  await expect(field(page, 'email')).toHaveValue(email);
}

test.describe('Customer sessions', () => {
  test('a session is bound to the shop that issued it', async ({ page, browser }) => {
    const customer = shopper('session-bound');
    await register(page, 'consumer', customer);

    const session = (await page.context().cookies(shopUrl('consumer'))).filter((c) => c.name.startsWith('authjs.session-token'));
    expect(session.length, 'a session cookie was set').toBeGreaterThan(0);
    for (const cookie of session) {
      // Host-only: the browser never sends it to another shop by itself.
      expect(cookie.domain).toBe('consumer.localhost');
      expect(cookie.httpOnly).toBe(true);
    }

    // Copied by hand to ACME's host, the same cookie signs nobody in there ...
    const other = await browser.newContext();
    try {
      await other.addCookies(session.flatMap((c) => ['acme', 'consumer'].map((shop) => ({ name: c.name, value: c.value, url: shopUrl(shop) }))));
      const stranger = await other.newPage();
      await stranger.goto(shopUrl('acme', '/account'));
      await expect(stranger).toHaveURL(isPath('acme', '/account/sign-in'));
      await expect(main(stranger).getByRole('heading', { level: 1 })).toHaveText('Sign in to ACME Wheels');
      await expect(stranger.getByTestId('account-link')).toHaveText('Sign in');

      // ... while on its own shop it still does.
      await stranger.goto(shopUrl('consumer', '/account'));
      await expect(stranger).toHaveURL(isPath('consumer', '/account'));
      await expect(main(stranger)).toContainText(`Signed in as ${customer.email}`);
      await expect(stranger.getByTestId('account-link')).toContainText(customer.name);
    } finally {
      await other.close();
    }
  });

  test('a signed-in page view reads the session and sets no cookie', async ({ page }) => {
    const customer = shopper('page-read');
    await register(page, 'consumer', customer);
    // The page decodes the session; only sign-in and sign-out write it.
    const response = await page.goto(shopUrl('consumer', '/products'));
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId('account-link')).toContainText(customer.name);
    const headers = (await response?.headersArray()) ?? [];
    expect(headers.filter((header) => header.name.toLowerCase() === 'set-cookie')).toEqual([]);
  });

  test('sign in and sign out', async ({ page }) => {
    const customer = shopper('round-trip');
    await register(page, 'consumer', customer);
    await signOut(page, 'consumer');

    // Signed out, the account page sends the visitor to sign in.
    await page.goto(shopUrl('consumer', '/account'));
    await expect(page).toHaveURL(isPath('consumer', '/account/sign-in'));

    // From a product page: sign in and come back to it.
    const productPath = await openProductPage(page, 'consumer');
    await main(page).getByRole('link', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(isPath('consumer', '/account/sign-in'));

    await failedSignIn(page, customer.email, 'not-my-password');
    await expect(formAlert(page)).toHaveText(NOT_CORRECT);

    await submitSignIn(page, customer.email, customer.password);
    await expect(page).toHaveURL(isPath('consumer', productPath));
    await expect(page.getByTestId('account-link')).toContainText(customer.name);
    await expect(main(page).getByText(/^Article number /)).toBeVisible();
    await expect(orderBlocked(page)).toHaveCount(0);

    await page.getByTestId('account-link').click();
    await expect(page).toHaveURL(isPath('consumer', '/account'));
    await signOut(page, 'consumer');
    await page.goto(shopUrl('consumer', '/account'));
    await expect(page).toHaveURL(isPath('consumer', '/account/sign-in'));
  });

  test('password reset', async ({ page }) => {
    const customer = shopper('reset');
    await register(page, 'consumer', customer);
    await page.context().clearCookies();

    // Asked for on another spelling of the shop's host: the link must still point at the shop's registered host.
    await page.goto(`http://www.consumer.localhost:${E2E_PORT}/account/forgot-password`);
    const send = main(page).getByRole('button', { name: 'Send me a link' });
    await waitForHydration(send);
    await field(page, 'email').fill(customer.email);
    await send.click();
    const confirmation = (email: string) => `If an account exists for ${email}, we have sent it a link to choose a new password. It works for 30 minutes.`;
    await expect(main(page).getByRole('status')).toHaveText(confirmation(customer.email));

    const email = await latestEmailTo(customer.email, { subject: 'Reset your password at TyreDirect' });
    expect(email.from).toBe('"TyreDirect" <info@consumer.storefleet.test>');
    const link = new URL(linkIn(email, /\/account\/reset-password\?token=/));
    expect(link.host).toBe(`consumer.localhost:${E2E_PORT}`);
    expect(link.protocol).toBe('http:');

    await page.goto(link.toString());
    const save = main(page).getByRole('button', { name: 'Save new password' });
    await waitForHydration(save);
    await field(page, 'password').fill('second-password-456');
    await save.click();
    await expect(page).toHaveURL(isPath('consumer', '/account/sign-in'));
    await expect(main(page).getByRole('status')).toHaveText('Your password is changed. Sign in with the new one.');

    await failedSignIn(page, customer.email, customer.password);
    await expect(formAlert(page)).toHaveText(NOT_CORRECT);
    await submitSignIn(page, customer.email, 'second-password-456');
    await expect(page).toHaveURL(isPath('consumer', '/account'));
    await expect(main(page)).toContainText(`Signed in as ${customer.email}`);

    // The link works once.
    await page.context().clearCookies();
    await page.goto(link.toString());
    await waitForHydration(save);
    await field(page, 'password').fill('third-password-789');
    await save.click();
    await expect(formAlert(page)).toContainText('invalid, already used or expired');
    await expect(page).toHaveURL(isPath('consumer', '/account/reset-password'));

    // An unknown address gets the same answer and no email.
    const nobody = uniqueEmail('nobody');
    await page.goto(shopUrl('consumer', '/account/forgot-password'));
    await waitForHydration(send);
    await field(page, 'email').fill(nobody);
    await send.click();
    await expect(main(page).getByRole('status')).toHaveText(confirmation(nobody));
    expect(await emailsTo(nobody)).toHaveLength(0);
  });

  test('repeated wrong passwords lock the account for a while', async ({ page }) => {
    const customer = shopper('rate-limit');
    await register(page, 'consumer', customer);
    await page.context().clearCookies();
    await page.goto(shopUrl('consumer', '/account/sign-in'));

    // Five wrong passwords in 15 minutes are answered (the successful sign-in on registering cleared the count) ...
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await failedSignIn(page, customer.email, `wrong-password-${attempt}`);
      await expect(formAlert(page)).toHaveText(NOT_CORRECT);
    }
    // ... the sixth is not.
    await failedSignIn(page, customer.email, 'wrong-password-6');
    await expect(formAlert(page)).toHaveText(TOO_MANY);

    // Locked means locked: not even the right password gets in until the window has passed.
    await failedSignIn(page, customer.email, customer.password);
    await expect(formAlert(page)).toHaveText(TOO_MANY);
    await expect(page).toHaveURL(isPath('consumer', '/account/sign-in'));
  });

  test('an open redirect is refused', async ({ page }) => {
    const customer = shopper('open-redirect');
    await register(page, 'consumer', customer);
    await page.context().clearCookies();

    for (const target of ['https://evil.example', '//evil.example/account']) {
      await page.goto(shopUrl('consumer', `/account/sign-in?callbackUrl=${encodeURIComponent(target)}`));
      await expect(main(page).locator('input[name="callbackUrl"]')).toHaveValue('/account');
    }
    await submitSignIn(page, customer.email, customer.password);
    await expect(page).toHaveURL(isPath('consumer', '/account'));
    await expect(main(page)).toContainText(`Signed in as ${customer.email}`);
  });

  test('signing out shows the shop, signed out', async ({ page }) => {
    const customer = shopper('sign-out-page');
    await register(page, 'consumer', customer);
    const button = main(page).getByRole('button', { name: 'Sign out' });
    await waitForHydration(button); // a click before hydration posts the form natively, which works
    await button.click();
    await expect(page).toHaveURL(isPath('consumer', '/'));
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('TyreDirect', { timeout: 5_000 });
    await expect(page.getByTestId('account-link')).toHaveText('Sign in', { timeout: 5_000 });
  });
});
