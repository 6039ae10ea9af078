import { test, expect } from '@playwright/test';
import { field, main } from './support/accounts';
import { signInAsAdmin } from './support/admin';
import { waitForHydration } from './support/catalog';
import { E2E_PORT, shopUrl } from './support/hosts';
import { latestEmailTo, linkIn } from './support/mailbox';

// scripts/e2e-server.sh sets neither PUBLIC_URL_SCHEME nor PUBLIC_PORT: the links below follow the port
// the server was started on (`next start -p $E2E_PORT`), not a default of 3000.

test('an emailed link points at the port the shop is served on', async ({ page }) => {
  await page.goto(shopUrl('acme', '/account/forgot-password'));
  const send = main(page).getByRole('button', { name: 'Send me a link' });
  await waitForHydration(send);
  await field(page, 'email').fill('buyer@acme.test');
  await send.click();
  await expect(main(page).getByRole('status')).toContainText('If an account exists for buyer@acme.test');

  const email = await latestEmailTo('buyer@acme.test', { subject: /Reset your password/ });
  const link = new URL(linkIn(email, /\/account\/reset-password\?token=/));
  expect(link.origin).toBe(`http://acme.localhost:${E2E_PORT}`);
});

test('the console links to a shop on the port it is served on', async ({ page }) => {
  await signInAsAdmin(page);
  await main(page).getByRole('link', { name: 'ACME Wheels', exact: true }).filter({ visible: true }).click();
  const shopLink = main(page).getByRole('link', { name: `acme.localhost:${E2E_PORT}` });
  await expect(shopLink).toHaveAttribute('href', `http://acme.localhost:${E2E_PORT}`);
});
